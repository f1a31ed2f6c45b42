package io.jnutcracker.hash;

/**
 * One live server as a distribution sees it.
 *
 * @param serverIndex the server's index in its pool (its rank in nutcracker's sorted order)
 * @param name the identity ketama hashes: the node name, else {@code host:port} (see ServerConfig)
 * @param weight the configured weight, at least 1
 */
public record ContinuumNode(int serverIndex, String name, int weight) {
}
