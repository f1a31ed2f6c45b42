package io.jnutcracker.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jnutcracker.config.ConfigException;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Places every recorded key with jnutcracker and compares with where the real nutcracker 0.5.0 put it.
 *
 * <p>The fixtures under {@code src/test/resources/placement/} come from {@code tools/placement/record.py}:
 * {@code keys.hex} (one key per line in hex, {@code -} for the empty key) and, per configuration,
 * {@code <id>.yml} (the one-pool nutcracker.yml nutcracker ran) and {@code <id>.placement} (line i = the
 * name of the server that held key i). Every key must land on the same server, bit for bit.
 */
class PlacementFixtureTest {

    private static final String RESOURCE_DIR = "/placement/";
    /** memcached pools' fixtures, from {@code tools/placement/record_memcache.py}: its own keys.hex. */
    private static final String MEMCACHE_DIR = "/placement-memcache/";
    private static final String KEYS_FILE = "keys.hex";
    /** How many mismatches a failure message lists. */
    private static final int SHOWN_MISMATCHES = 8;
    /** How many hex digits of a key a failure message shows. */
    private static final int SHOWN_HEX = 80;

    /** All {@code *.yml} fixtures, as JUnit arguments named after their configuration id. */
    static Stream<Arguments> fixtures() {
        List<Path> ymls = new ArrayList<>(fixtureYmls(RESOURCE_DIR));
        assertThat(ymls).as("no *.yml placement fixtures under %s on the test classpath", RESOURCE_DIR)
                .isNotEmpty();
        List<Path> memcache = fixtureYmls(MEMCACHE_DIR);
        assertThat(memcache).as("no *.yml placement fixtures under %s on the test classpath", MEMCACHE_DIR)
                .isNotEmpty();
        return Stream.concat(ymls.stream().map(p -> Arguments.of(Named.of(configId(p), p))),
                memcache.stream().map(p -> Arguments.of(Named.of("memcache " + configId(p), p))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void placesEveryKeyWhereNutcrackerDid(Path yml) throws IOException {
        String id = configId(yml);
        List<byte[]> keys = Keys.of(yml.getParent());
        List<String> expected = readLines(yml.resolveSibling(id + ".placement"));
        assertThat(expected).as("%s.placement must have one line per key in %s", id, KEYS_FILE)
                .hasSize(keys.size());

        PoolConfig pool = loadSinglePool(yml);
        List<ServerConfig> servers = pool.servers();
        List<String> names = servers.stream().map(ServerConfig::name).collect(Collectors.toList());
        assertThat(names).as("%s: server names as ConfigLoader derives them", id)
                .containsAll(new LinkedHashSet<>(expected));

        List<ContinuumNode> live = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            live.add(new ContinuumNode(i, servers.get(i).name(), servers.get(i).weight()));
        }
        KeyPlacer placer = KeyPlacer.of(pool.hash(), pool.distribution(), pool.hashTag(), live);

        List<String> mismatches = new ArrayList<>();
        int misplaced = 0;
        for (int k = 0; k < keys.size(); k++) {
            String actual = place(placer, keys.get(k), names);
            if (!actual.equals(expected.get(k))) {
                misplaced++;
                if (mismatches.size() < SHOWN_MISMATCHES) {
                    mismatches.add(describeMismatch(k, keys.get(k), expected.get(k), actual));
                }
            }
        }
        if (misplaced > 0) {
            fail("%s (hash %s, distribution %s, hash_tag %s, servers %s): %d of %d keys misplaced; first:%n%s",
                    id, pool.hash().configName(), pool.distribution().configName(), hashTagText(pool.hashTag()),
                    names, misplaced, keys.size(), String.join(System.lineSeparator(), mismatches));
        }
    }

    /** The fixtures must be there, complete, and paired: otherwise the parameterized test proves nothing. */
    @Test
    void fixturesCoverTheWholeMatrix() throws IOException {
        List<Path> ymls = fixtureYmls(RESOURCE_DIR);
        Set<String> ids = ymls.stream().map(PlacementFixtureTest::configId).collect(Collectors.toSet());
        for (HashFunction hash : HashFunction.values()) {
            for (Distribution dist : List.of(Distribution.KETAMA, Distribution.MODULA)) {
                for (String servers : List.of("named", "unnamed")) {
                    String id = hash.configName() + "-" + dist.configName() + "-" + servers;
                    assertThat(ids).as("placement fixture %s.yml", id).contains(id);
                }
            }
        }
        Path dir = fixtureDir(RESOURCE_DIR);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.collect(Collectors.toList())) {
                String name = f.getFileName().toString();
                if (name.endsWith(".placement")) {
                    String id = name.substring(0, name.length() - ".placement".length());
                    assertThat(ids).as("%s without its .yml", name).contains(id);
                }
            }
        }
        for (Path yml : ymls) {
            assertThat(yml.resolveSibling(configId(yml) + ".placement")).as("placement of %s", yml).exists();
        }
        assertThat(Keys.of(dir)).as("keys in %s", KEYS_FILE).hasSizeGreaterThan(1000);
        assertThat(Keys.of(dir)).as("the empty key is recorded").anyMatch(k -> k.length == 0);
    }

    /** memcached pools: a few thousand valid memcached keys, placed under every hash, both distributions. */
    @Test
    void memcacheFixturesCoverEveryDistributionAndAreMemcachedKeys() {
        Set<String> ids = fixtureYmls(MEMCACHE_DIR).stream().map(PlacementFixtureTest::configId).collect(Collectors.toSet());
        assertThat(ids).contains("md5-ketama-unnamed", "md5-modula-named", "fnv1a_64-ketama-named", "weights-ketama",
                "hashtag-braces-ketama");
        List<byte[]> keys = Keys.of(fixtureDir(MEMCACHE_DIR));
        assertThat(keys).hasSizeGreaterThanOrEqualTo(3000)
                .allMatch(k -> k.length >= 1 && k.length <= 250, "1..250 bytes");
        for (Path yml : fixtureYmls(MEMCACHE_DIR)) {
            assertThat(loadSinglePool(yml).redis()).as("%s is a memcached pool", yml.getFileName()).isFalse();
        }
    }

    private static String place(KeyPlacer placer, byte[] key, List<String> names) {
        int index;
        try {
            index = placer.serverIndex(key.clone());
        } catch (RuntimeException e) {
            return "threw " + e;
        }
        return index >= 0 && index < names.size() ? names.get(index) : "server index " + index;
    }

    private static PoolConfig loadSinglePool(Path yml) {
        List<PoolConfig> pools;
        try {
            pools = ConfigLoader.load(yml).pools();
        } catch (ConfigException e) {
            throw new AssertionError("nutcracker 0.5.0 ran " + yml.getFileName() + " but ConfigLoader rejects it: "
                    + e.describe(), e);
        }
        assertThat(pools).as("pools in %s", yml.getFileName()).hasSize(1);
        return pools.get(0);
    }

    private static String describeMismatch(int index, byte[] key, String expected, String actual) {
        String hex = key.length == 0 ? "-" : HexFormat.of().formatHex(key);
        if (hex.length() > SHOWN_HEX) {
            hex = hex.substring(0, SHOWN_HEX) + "...";
        }
        return String.format("  key #%d (%d bytes) %s: expected %s, actual %s", index, key.length, hex, expected,
                actual);
    }

    private static String hashTagText(byte[] tag) {
        return tag == null ? "none" : '"' + new String(tag, StandardCharsets.UTF_8) + '"';
    }

    private static String configId(Path yml) {
        String name = yml.getFileName().toString();
        return name.substring(0, name.length() - ".yml".length());
    }

    private static List<Path> fixtureYmls(String resourceDir) {
        try (Stream<Path> files = Files.list(fixtureDir(resourceDir))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture directory on the test classpath, found through keys.hex. */
    private static Path fixtureDir(String resourceDir) {
        URL url = PlacementFixtureTest.class.getResource(resourceDir + KEYS_FILE);
        if (url == null) {
            throw new AssertionError(resourceDir + KEYS_FILE + " is not on the test classpath: run"
                    + " tools/placement/record.py and keep src/test/resources/placement/");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    FileSystems.newFileSystem(uri, Map.of());
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open " + url, e);
        }
    }

    private static List<String> readLines(Path file) throws IOException {
        assertThat(file).as("fixture file").exists();
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** Each fixture directory's keys.hex, read once. */
    private static final class Keys {
        private static final Map<Path, List<byte[]>> BY_DIR = new java.util.concurrent.ConcurrentHashMap<>();

        static List<byte[]> of(Path dir) {
            return BY_DIR.computeIfAbsent(dir, Keys::load);
        }

        private static List<byte[]> load(Path dir) {
            try {
                List<byte[]> keys = new ArrayList<>();
                for (String line : readLines(dir.resolve(KEYS_FILE))) {
                    keys.add(line.equals("-") ? new byte[0] : HexFormat.of().parseHex(line));
                }
                return List.copyOf(keys);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
