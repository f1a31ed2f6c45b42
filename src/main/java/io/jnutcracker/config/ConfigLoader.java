package io.jnutcracker.config;

import java.nio.file.Path;

/** Reads and validates a {@code nutcracker.yml} as nutcracker 0.5.0 does ({@code nc_conf.c}). */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static ProxyConfig load(Path file) throws ConfigException {
        throw new UnsupportedOperationException("TODO");
    }
}
