package io.jnutcracker.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's RESP: commands out, replies in, across any split of the bytes. */
class ReplyReaderTest {

    @Test
    void encodesCommandsAsArraysOfBulkStrings() {
        byte[] wire = ReplyReader.encode(List.of(new String[] {"AUTH", "pä ss"}, new String[] {"INFO", "replication"}));

        assertThat(new String(wire, StandardCharsets.UTF_8))
                .isEqualTo("*2\r\n$4\r\nAUTH\r\n$6\r\npä ss\r\n*2\r\n$4\r\nINFO\r\n$11\r\nreplication\r\n");
    }

    @Test
    void readsRepliesWhateverTheSplit() throws IOException {
        byte[] wire = "+OK\r\n$13\r\nrole:master\r\n\r\n-NOAUTH Authentication required.\r\n:1\r\n$-1\r\n"
                .getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= wire.length; chunk++) {
            ReplyReader r = new ReplyReader();
            List<ReplyReader.Reply> replies = new java.util.ArrayList<>();
            for (int at = 0; at < wire.length; at += chunk) {
                byte[] piece = java.util.Arrays.copyOfRange(wire, at, Math.min(wire.length, at + chunk));
                r.feed(piece, piece.length);
                for (ReplyReader.Reply x = r.next(); x != null; x = r.next()) {
                    replies.add(x);
                }
            }
            assertThat(replies).as("chunk " + chunk).containsExactly(new ReplyReader.Reply('+', "OK"),
                    new ReplyReader.Reply('$', "role:master\r\n"),
                    new ReplyReader.Reply('-', "NOAUTH Authentication required."),
                    new ReplyReader.Reply(':', "1"), new ReplyReader.Reply('$', null));
            assertThat(replies.get(2).error()).isTrue();
        }
    }

    @Test
    void refusesWhatIsNotAnAnswerToAuthOrInfo() {
        ReplyReader r = new ReplyReader();
        byte[] bytes = "*1\r\n".getBytes(StandardCharsets.UTF_8);
        r.feed(bytes, bytes.length);
        assertThatThrownBy(r::next).isInstanceOf(IOException.class).hasMessageContaining("unexpected reply type '*'");

        ReplyReader big = new ReplyReader();
        byte[] huge = ("$" + (ReplyReader.MAX_BULK + 1) + "\r\n").getBytes(StandardCharsets.UTF_8);
        big.feed(huge, huge.length);
        assertThatThrownBy(big::next).isInstanceOf(IOException.class).hasMessageContaining("reply of");
    }
}
