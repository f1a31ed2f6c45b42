package io.jnutcracker;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Build step ({@code mvn package}, into {@code target/native}; the Debian package installs that
 * directory beside its jar): Netty's native transport libraries as files, under the names Netty's
 * loader looks for. {@code bin/jnutcracker} points {@code java.library.path} at that directory,
 * which Netty's {@code NativeLibraryLoader} tries first; without it Netty copies the library out of
 * the jar into a new temporary file on every start (seeding SecureRandom for its name): 10-15 ms
 * of CPU on the start path on this machine. Not for operators.
 */
public final class NativeLibraries {
    /** Netty 4.2's base names ({@code epoll.Native}, {@code uring.Native}); Netty appends the arch. */
    static final List<String> NAMES = List.of("netty_transport_native_epoll", "netty_transport_native_io_uring42");

    private NativeLibraries() {
    }

    /** Usage: NativeLibraries DIR. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: NativeLibraries DIR");
        }
        export(Path.of(args[0]));
    }

    /** Writes each library of this platform into {@code dir}; fails if one is not on the class path. */
    static List<Path> export(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new java.util.ArrayList<>();
        for (String name : NAMES) {
            String file = System.mapLibraryName(name + '_' + PlatformDependent.normalizedArch());
            try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream("META-INF/native/" + file)) {
                if (in == null) {
                    throw new IOException("META-INF/native/" + file + " is not on the class path");
                }
                // Beside, then renamed over: a proxy starting meanwhile maps the old file or the new one.
                Path tmp = dir.resolve(file + ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Path target = dir.resolve(file);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target);
            }
        }
        return written;
    }
}
