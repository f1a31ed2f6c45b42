package io.jnutcracker.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test configs into a JUnit {@code @TempDir}. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static Path write(Path dir, String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String yaml) {
        return write(dir, "nutcracker.yml", yaml);
    }

    static ProxyConfig load(Path dir, String yaml) throws ConfigException {
        return ConfigLoader.load(write(dir, yaml));
    }
}
