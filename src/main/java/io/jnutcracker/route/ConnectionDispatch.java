package io.jnutcracker.route;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.BackendGroup;
import io.jnutcracker.backend.FlushBatch;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.command.CommandSpec;
import io.netty.buffer.ByteBuf;

/**
 * Writes to a connection of this loop to the member (round-robin over {@code server_connections})
 * and flushes it once at the end of the loop's pass, with every other request written in it.
 */
final class ConnectionDispatch implements Dispatch {
    private final BackendGroup group;
    private final FlushBatch flushBatch;

    ConnectionDispatch(BackendGroup group, FlushBatch flushBatch) {
        this.group = group;
        this.flushBatch = flushBatch;
    }

    @Override
    public void send(int server, ByteBuf frame, CommandSpec command, ReplyHandler handler) {
        BackendConnection connection = group.connection(server);
        connection.forward(frame, handler);
        flushBatch.add(connection);
    }
}
