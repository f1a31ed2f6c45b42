package io.jnutcracker.backend;

import io.jnutcracker.config.ServerConfig;

/**
 * What a server connection needs to know of its server: which pool and member it serves (for logs
 * and stats), where it is, the pool's {@code timeout} and where to report the server's health.
 *
 * @param index the member's rank in the pool (nutcracker's sorted order)
 * @param statsSlot the member's slot in the pool's statistics
 * @param timeoutMs the pool's {@code timeout} in ms; 0 for none
 */
public record ServerTarget(String pool, int index, int statsSlot, ServerConfig server, int timeoutMs,
                           ServerHealth health) {
}
