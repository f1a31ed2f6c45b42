package io.jnutcracker.topology;

import io.jnutcracker.config.ConfigException;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.ProxyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's files (docs/seed) and variants of them, with {@link FakeRedis} replication as
 * TOPOLOGY.md describes it. The 192.168.99.x addresses are only ever handed to the fake.
 */
final class SeedLayouts {
    static final Path DETAIL01 = Path.of("docs/seed/detail01.nutcracker.yml");
    static final Path DETAIL02 = Path.of("docs/seed/detail02.nutcracker.yml");
    static final String H1 = "192.168.99.11";
    static final String H2 = "192.168.99.12";

    private SeedLayouts() {
    }

    /** TOPOLOGY.md "Replication, as the write-up's info replication shows it". */
    static FakeRedis asWritten() {
        return new FakeRedis().master(H1 + ":6401", H1 + ":6402")
                .replica(H1 + ":6403", H1 + ":6401").replica(H1 + ":6405", H1 + ":6401")
                .replica(H1 + ":6404", H1 + ":6402").replica(H2 + ":6405", H1 + ":6402");
    }

    /** TOPOLOGY.md "The intended layout" (plus the HA replicas 6403, 6404). */
    static FakeRedis intended() {
        return new FakeRedis().master(H1 + ":6401", H1 + ":6402")
                .replica(H1 + ":6403", H1 + ":6401").replica(H1 + ":6404", H1 + ":6402")
                .replica(H1 + ":6405", H1 + ":6401").replica(H1 + ":6406", H1 + ":6402")
                .replica(H2 + ":6405", H1 + ":6401").replica(H2 + ":6406", H1 + ":6402");
    }

    /** The seed's detail01 with the intended read pool (same lines, other members). */
    static String intended01() {
        return read(DETAIL01).replace("- 192.168.99.11:6403:1 redis01", "- 192.168.99.11:6405:1 redis01")
                .replace("  - 192.168.99.11:6405:1 redis02", "  - 192.168.99.11:6406:1 redis02");
    }

    static String intended02() {
        return read(DETAIL02).replace("- 192.168.99.11:6404:1 redis01", "- 192.168.99.12:6405:1 redis01")
                .replace("- 192.168.99.12:6405:1 redis02", "- 192.168.99.12:6406:1 redis02");
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ProxyConfig> load(Path... files) {
        List<ProxyConfig> configs = new ArrayList<>();
        for (Path f : files) {
            try {
                configs.add(ConfigLoader.load(f));
            } catch (ConfigException e) {
                throw new IllegalStateException(e.describe(), e);
            }
        }
        return configs;
    }

    static TopologyReport check(FakeRedis redis, Path... files) {
        return new TopologyCheck(redis, TopologyCheck.DEFAULT_SAMPLES).run(load(files));
    }
}
