package io.jnutcracker.stats;

import io.jnutcracker.command.Command;

/**
 * Counts for one client connection, called from its event loop only (client side of nutcracker's
 * {@code client_eof}, {@code client_err}, {@code client_connections}, plus per-command counts).
 * Created by {@link PoolStats#clientOpened}.
 */
public final class ClientStats {
    private final LoopStats loop;
    private boolean failed;
    private boolean closed;

    ClientStats(LoopStats loop) {
        this.loop = loop;
        loop.addPool(Metric.CLIENT_CONNECTIONS, 1);
        LoopStats.add(loop.connections, LoopStats.CLIENTS_ACCEPTED, 1);
    }

    /** One request received; {@code command} is {@code null} when it is not in the command table. */
    public void command(Command command) {
        LoopStats.add(loop.commands, command == null ? LoopStats.UNKNOWN_COMMAND : command.ordinal(), 1);
    }

    /** The connection goes down on an error (protocol error, reset): its close counts as {@code client_err}. */
    public void error() {
        failed = true;
    }

    /** The connection is closed: {@code client_err} after {@link #error()}, else {@code client_eof}. Idempotent. */
    public void closed() {
        if (closed) {
            return;
        }
        closed = true;
        loop.addPool(Metric.CLIENT_CONNECTIONS, -1);
        loop.addPool(failed ? Metric.CLIENT_ERR : Metric.CLIENT_EOF, 1);
    }


}
