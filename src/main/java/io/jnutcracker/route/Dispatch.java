package io.jnutcracker.route;

import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.netty.buffer.ByteBuf;

/**
 * The last step of a forward: one encoded request to one member of the pool, by index. Plain
 * ({@link ConnectionDispatch}: a connection of this loop, flushed at the end of the pass) or
 * decorated ({@link FallbackDispatch}: reads of a down replica go to its master).
 */
interface Dispatch {
    /** Sends {@code frame} (ownership passes here) to member {@code server}. */
    void send(int server, ByteBuf frame, CommandSpec command, ReplyHandler handler);
}
