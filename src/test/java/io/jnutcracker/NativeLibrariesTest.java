package io.jnutcracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NativeLibraries} writes Netty's transport libraries byte for byte under the names Netty loads. */
class NativeLibrariesTest {
    @Test
    void writesEachLibraryUnderNettysName(@TempDir Path dir) throws Exception {
        var written = NativeLibraries.export(dir);
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
                "libnetty_transport_native_epoll_" + PlatformDependent.normalizedArch() + ".so",
                "libnetty_transport_native_io_uring42_" + PlatformDependent.normalizedArch() + ".so");
        for (Path p : written) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/native/" + p.getFileName())) {
                assertThat(in).isNotNull();
                assertThat(Arrays.equals(Files.readAllBytes(p), in.readAllBytes())).isTrue();
            }
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing).hasSize(2); // no temporary file left
        }
        assertThat(NativeLibraries.export(dir)).isEqualTo(written); // again, over the old ones
    }
}
