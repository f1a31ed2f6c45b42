package io.jnutcracker.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.config.SentinelSettings;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.topology.Answer;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.jnutcracker.resp.ReplyDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sentinel's messages as the watcher reads them, and the local replica choice from SENTINEL REPLICAS. */
class SentinelEventTest {
    @TempDir
    Path dir;

    @Test
    void switchMasterNamesTheNewAddress() {
        SentinelEvent e = SentinelEvent.parse("+switch-master", "redis01 127.0.99.11 6401 127.0.99.11 6403");
        assertThat(e).isEqualTo(new SentinelEvent("+switch-master", "redis01", "127.0.99.11:6403", false));
        assertThat(e.switchesMaster()).isTrue();
    }

    @Test
    void replicaEventsNameTheReplicaAndItsMaster() {
        assertThat(SentinelEvent.parse("+sdown", "slave 127.0.99.12:6405 127.0.99.12 6405 @ redis01 127.0.99.11 6401"))
                .isEqualTo(new SentinelEvent("+sdown", "redis01", "127.0.99.12:6405", true));
        assertThat(SentinelEvent.parse("+sdown", "master redis01 127.0.99.11 6401"))
                .isEqualTo(new SentinelEvent("+sdown", "redis01", "127.0.99.11:6401", false));
        assertThat(SentinelEvent.parse("+switch-master", "redis01 garbage")).isNull();
        assertThat(SentinelEvent.parse("+slave", "")).isNull();
    }

    @Test
    void choosesAUsableLocalReplicaPreferringTheNeverPromotedOnes() throws Exception {
        Path file = dir.resolve("p.yml");
        java.nio.file.Files.writeString(file, """
                p:
                  listen: 127.0.0.1:22121
                  jn_sentinels: 127.0.0.1:26379
                  jn_sentinel_local: 127.0.99.11, 127.0.98.0/24
                  servers:
                   - 127.0.0.1:6379:1 redis01
                """);
        SentinelSettings settings = ConfigLoader.load(file).pools().get(0).extensions().sentinel();
        Answer replicas = decode(array(
                replica("127.0.99.12", 6405, "slave", "ok", 0),          // remote
                replica("127.0.99.11", 6403, "slave", "ok", 100),
                replica("127.0.99.11", 6405, "slave", "ok", 0),          // local, never promoted: first
                replica("127.0.98.7", 6405, "slave,s_down", "ok", 0)));  // down
        assertThat(ReplicaChoice.choose(replicas, settings).orElseThrow().address()).isEqualTo("127.0.99.11:6405");

        Answer linkDown = decode(array(replica("127.0.99.11", 6405, "slave", "err", 0),
                replica("127.0.99.11", 6403, "slave", "ok", 100)));
        assertThat(ReplicaChoice.choose(linkDown, settings).orElseThrow().address()).isEqualTo("127.0.99.11:6403");
        assertThat(ReplicaChoice.choose(decode(array(replica("127.0.99.12", 1, "slave", "ok", 0))), settings)).isEmpty();
    }

    private static String replica(String ip, int port, String flags, String link, int priority) {
        return array(bulk("name"), bulk(ip + ":" + port), bulk("ip"), bulk(ip), bulk("port"), bulk("" + port),
                bulk("flags"), bulk(flags), bulk("master-link-status"), bulk(link),
                bulk("slave-priority"), bulk("" + priority));
    }

    private static String array(String... elements) {
        return "*" + elements.length + "\r\n" + String.join("", elements);
    }

    private static String bulk(String s) {
        return "$" + s.length() + "\r\n" + s + "\r\n";
    }

    /** Through the project's reply decoder, byte by byte, as a Sentinel's answer arrives. */
    private static Answer decode(String wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyDecoder());
        for (byte b : wire.getBytes(StandardCharsets.UTF_8)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        Reply reply = ch.readInbound();
        try {
            return Answer.of(reply);
        } finally {
            reply.release();
            ch.finishAndReleaseAll();
        }
    }
}
