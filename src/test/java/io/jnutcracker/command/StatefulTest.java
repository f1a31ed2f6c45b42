package io.jnutcracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.RequestDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The table of commands served on a client's own server connection: where their keys are, their arity. */
class StatefulTest {
    private static Request request(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder());
        channel.writeInbound(Unpooled.copiedBuffer(sb, StandardCharsets.US_ASCII));
        return channel.readInbound();
    }

    private static int[] keys(Stateful s, String... args) {
        Request r = request(args);
        try {
            return s.keys(r);
        } finally {
            r.release();
        }
    }

    @Test
    void everyDedicatedRowOfTheCommandTableHasAStatefulRowAndBack() {
        for (Command c : Command.values()) {
            assertThat(Stateful.of(c) != null).as(c.name()).isEqualTo(c.routing() == Routing.DEDICATED);
        }
        assertThat(Arrays.stream(Stateful.values()).map(Stateful::name))
                .allSatisfy(n -> assertThat(CommandTable.byName(n).routing()).isEqualTo(Routing.DEDICATED));
    }

    @Test
    void findsTheKeysOfEachForm() {
        assertThat(keys(Stateful.BLPOP, "BLPOP", "a", "b", "0")).containsExactly(1, 2);
        assertThat(keys(Stateful.BLMOVE, "BLMOVE", "a", "b", "LEFT", "RIGHT", "0")).containsExactly(1, 2);
        assertThat(keys(Stateful.BZMPOP, "BZMPOP", "0", "2", "a", "b", "MIN")).containsExactly(3, 4);
        assertThat(keys(Stateful.BZMPOP, "BZMPOP", "0", "3", "a", "b")).isNull(); // numkeys past the end
        assertThat(keys(Stateful.BLMPOP, "BLMPOP", "0", "x", "a", "LEFT")).isNull();
        assertThat(keys(Stateful.XREAD, "XREAD", "BLOCK", "5", "STREAMS", "a", "b", "0", "0")).containsExactly(4, 5);
        assertThat(keys(Stateful.XREAD, "XREAD", "STREAMS", "a", "b", "0")).isNull(); // odd
        assertThat(keys(Stateful.XREADGROUP, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"))
                .containsExactly(5);
        assertThat(keys(Stateful.WATCH, "WATCH", "a", "b")).containsExactly(1, 2);
        assertThat(keys(Stateful.MULTI, "MULTI")).isEmpty();
    }

    @Test
    void xreadBlocksOnlyWithBlockBeforeStreams() {
        Request blocking = request("XREAD", "block", "5", "STREAMS", "a", "0");
        Request plain = request("XREAD", "STREAMS", "BLOCK", "0");
        Request pop = request("BLPOP", "a", "0");
        try {
            assertThat(Stateful.XREAD.blocks(blocking)).isTrue();
            assertThat(Stateful.XREAD.blocks(plain)).isFalse(); // a stream named BLOCK
            assertThat(Stateful.BLPOP.blocks(pop)).isTrue();
        } finally {
            blocking.release();
            plain.release();
            pop.release();
        }
    }

    @Test
    void arityAsRedis() {
        assertThat(Stateful.BLPOP.accepts(2)).isFalse();
        assertThat(Stateful.BLPOP.accepts(3)).isTrue();
        assertThat(Stateful.BRPOPLPUSH.accepts(5)).isFalse();
        assertThat(Stateful.MULTI.accepts(2)).isFalse();
        assertThat(Stateful.UNSUBSCRIBE.accepts(1)).isTrue();
        assertThat(Stateful.SUBSCRIBE.accepts(1)).isFalse();
    }
}
