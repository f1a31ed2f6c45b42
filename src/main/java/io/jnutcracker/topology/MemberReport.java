package io.jnutcracker.topology;

import io.jnutcracker.config.ServerConfig;

/**
 * One pool member as the check found it.
 *
 * @param node its {@code INFO replication}, or why it could not be read
 * @param origin where its data comes from
 * @param holds for a read-pool member: the name of the paired master pool's member whose data it
 *     holds, or {@code null} (none, or no master pool)
 * @param local on its proxy's host ({@code null}: addresses do not tell; always {@code null} for a master pool)
 * @param lag behind its direct master ({@link Lag#UNKNOWN} for a master)
 */
public record MemberReport(ServerConfig server, NodeState node, Origin origin, String holds, Boolean local,
                           Lag lag) {
}
