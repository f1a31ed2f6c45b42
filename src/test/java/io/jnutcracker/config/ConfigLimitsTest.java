package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConfigLimits}: a file at the size limit loads and one byte more is refused before it is
 * read; a scalar (or line) over the length limit is refused with its line; and both run in linear
 * time. Before the limits a 4 MiB scalar took 26-40 s and was accepted, and a 100 MiB file ran the
 * JVM out of heap. The timeouts are generous (a loaded 2-core machine); they catch a quadratic return.
 */
class ConfigLimitsTest {
    private static final String HEAD = """
            alpha:
              listen: 127.0.0.1:22121
              servers:
               - 127.0.0.1:6379:1 s1
            """;
    /** A comment line, so padding a valid file keeps it valid. */
    private static final String COMMENT = "# " + "c".repeat(77) + "\n";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFourMibScalarIsRefusedNamingItsLine() {
        Path file = ConfigFiles.write(dir, HEAD.replace(" s1", " " + "s".repeat(4 << 20)));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.describe()).isEqualTo(file + ":4: line 4 is longer than 1048576 characters ("
                + ("   - 127.0.0.1:6379:1 ".length() + (4 << 20)) + ")");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aScalarOverTheLimitOnManyLinesIsRefusedNamingItsFirstLine() {
        // A plain scalar folded over short lines passes the line check; the scanned length does not.
        String folded = ("    " + "x".repeat(1023) + "\n").repeat(1025);
        Path file = ConfigFiles.write(dir, HEAD + "  hash_tag:\n" + folded);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("scalar on line 6 is longer than 1048576 characters (");
        assertThat(e.line()).isEqualTo(6);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aScalarAtTheLimitLoads() throws Exception {
        String prefix = "   - 127.0.0.1:6379:1 ";
        String name = "n".repeat(ConfigLimits.MAX_SCALAR_CHARS - prefix.length());
        ProxyConfig config = ConfigFiles.load(dir, HEAD.replace(" s1", " " + name));
        assertThat(config.pools().get(0).servers().get(0).name()).isEqualTo(name);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFileAtTheSizeLimitLoadsAndOneByteMoreIsRefused() throws Exception {
        Path file = dir.resolve("limit.yml");
        writePadded(file, ConfigLimits.MAX_FILE_BYTES);
        assertThat(Files.size(file)).isEqualTo(ConfigLimits.MAX_FILE_BYTES);
        assertThat(ConfigLoader.load(file).pools()).hasSize(1);

        writePadded(file, ConfigLimits.MAX_FILE_BYTES + 1);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).isNotNull();
        assertThat(e.describe()).isEqualTo(file + ": configuration '" + file + "' is too large: "
                + (ConfigLimits.MAX_FILE_BYTES + 1) + " bytes, limit 16777216 bytes");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aHundredMibFileIsRefusedWithoutBeingRead() throws Exception {
        Path file = dir.resolve("huge.yml");
        writePadded(file, 100L << 20);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("configuration '" + file + "' is too large: "
                + (100L << 20) + " bytes, limit 16777216 bytes");
    }

    /** {@link #HEAD} followed by comment lines, and a last comment that makes it exactly {@code size} bytes. */
    private static void writePadded(Path file, long size) throws IOException {
        byte[] head = HEAD.getBytes(StandardCharsets.US_ASCII);
        byte[] comment = COMMENT.getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head);
            long left = size - head.length;
            for (; left >= 2L * comment.length; left -= comment.length) {
                out.write(comment);
            }
            out.write(("#" + "c".repeat((int) left - 2) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void serversUpToTheLimitLoadAndOneMoreIsRefused() throws Exception {
        StringBuilder yml = new StringBuilder("alpha:\n  listen: 127.0.0.1:22121\n  servers:\n");
        for (int i = 0; i < ConfigLimits.MAX_SERVERS; i++) {
            yml.append("   - 127.0.").append(i >> 8).append('.').append(i & 255).append(":6379:1\n");
        }
        assertThat(ConfigFiles.load(dir, yml.toString()).pools().get(0).servers()).hasSize(ConfigLimits.MAX_SERVERS);
        Path file = ConfigFiles.write(dir, yml + "   - 127.1.0.1:6379:1\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(4 + ConfigLimits.MAX_SERVERS);
        assertThat(e.getMessage()).isEqualTo("more than 65536 servers in one file (jnutcracker's limit)");
    }
}
