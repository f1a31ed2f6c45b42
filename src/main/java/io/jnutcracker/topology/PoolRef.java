package io.jnutcracker.topology;

import java.nio.file.Path;

/** A pool of one config file. */
public record PoolRef(Path file, String pool) {
    @Override
    public String toString() {
        return pool + " (" + file + ")";
    }
}
