package io.jnutcracker.topology;

import static io.jnutcracker.topology.SeedLayouts.DETAIL01;
import static io.jnutcracker.topology.SeedLayouts.DETAIL02;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which host a proxy's file runs on, by the rules in {@link Locality}. */
class LocalityTest {
    @TempDir
    Path dir;

    @Test
    void seedFilesListenOnLoopbackSoTheirServersTell() {
        Locality l = Locality.of(SeedLayouts.load(DETAIL01, DETAIL02));

        assertThat(l.home(DETAIL01)).contains("192.168.99.11"); // every server on .11 (rule 2)
        assertThat(l.home(DETAIL02)).contains("192.168.99.12"); // .11 vs .12, and .11 is detail01's (rule 3)
    }

    @Test
    void aFileAloneWithATieDoesNotTell() {
        Locality l = Locality.of(SeedLayouts.load(DETAIL02));

        assertThat(l.home(DETAIL02)).isEmpty();
        assertThat(l.isLocal(DETAIL02, server("192.168.99.11", 6404))).isNull();
    }

    @Test
    void aListenAddressOfTheHostWinsOverTheServers() {
        Path f = SeedLayouts.write(dir, "d2.yml", SeedLayouts.read(DETAIL02).replace("listen: 127.0.0.1:1112",
                "listen: 127.0.99.12:1112"));
        Locality l = Locality.of(SeedLayouts.load(f));

        assertThat(l.home(f)).contains("127.0.99.12");
        assertThat(l.isLocal(f, server("192.168.99.12", 6405))).isFalse();
        assertThat(l.isLocal(f, server("127.0.99.12", 6405))).isTrue();
        assertThat(l.isLocal(f, new ServerConfig("/tmp/r.sock:1", "r", null, 0, "/tmp/r.sock", 1, 9))).isTrue();
    }

    @Test
    void wildcardListenSaysNothing() {
        Path f = SeedLayouts.write(dir, "d1.yml", SeedLayouts.read(DETAIL01).replace("listen: 127.0.0.1:", "listen: 0.0.0.0:")
                .replace("- 192.168.99.11:6403", "- 192.168.99.13:6403"));
        Locality l = Locality.of(SeedLayouts.load(f));

        assertThat(l.home(f)).contains("192.168.99.11"); // 3 of 4 servers
    }

    private static ServerConfig server(String host, int port) {
        return new ServerConfig(host + ":" + port + ":1", "redis01", host, port, null, 1, 8);
    }
}
