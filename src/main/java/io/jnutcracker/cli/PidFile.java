package io.jnutcracker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code -p} pid file: written at start, removed at a clean exit (nutcracker leaves it behind on SIGINT). */
final class PidFile {
    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    static PidFile write(Path path) throws IOException {
        Files.writeString(path, ProcessHandle.current().pid() + "\n");
        return new PidFile(path);
    }

    void remove() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
