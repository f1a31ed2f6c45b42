package io.jnutcracker.client;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.Dedication;
import io.jnutcracker.command.Stateful;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Request;
import io.jnutcracker.route.Generation;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's blocking commands (BLPOP and the like, XREAD with BLOCK): each goes on a server
 * connection of its own, which closes once the reply is in, so a wait never holds up the clients
 * sharing the pool's connections (nutcracker closes the client instead). The pool {@code timeout}
 * does not apply: the command's own timeout rules, as on a direct connection.
 */
final class BlockingCommands implements Dedication {
    private final DedicatedPath path;
    /** Connections still waiting for a reply, closed at once if the client goes away. */
    private final List<BackendConnection> waiting = new ArrayList<>(1);

    BlockingCommands(DedicatedPath path) {
        this.path = path;
    }

    void forward(Request request, Stateful command, Generation generation) {
        int[] keys = command.keys(request);
        if (keys == null) {
            request.release();
            path.error("ERR syntax error");
            return;
        }
        int server = DedicatedPath.server(generation.servers(), request, keys);
        if (path.refusedPlacement(server)) {
            request.release();
            return;
        }
        BackendConnection connection = path.open(generation, server, !command.blocks(request), this);
        if (connection == null) {
            request.release();
            return;
        }
        waiting.removeIf(BackendConnection::isClosed);
        waiting.add(connection);
        path.forward(connection, request);
        connection.closeWhenIdle(); // back to the shared connections once the reply is in
    }

    /** Whether a blocking command still waits for its reply. */
    boolean waiting() {
        waiting.removeIf(BackendConnection::isClosed);
        return !waiting.isEmpty();
    }

    /** The client closed: a wait in progress ends and its connection goes back to the pool's cap. */
    void close() {
        for (BackendConnection c : waiting) {
            c.shutdown();
        }
        waiting.clear();
    }

    @Override
    public boolean isPush(Reply reply) {
        return false;
    }

    @Override
    public void onPush(Reply reply) {
        reply.release();
    }

    @Override
    public void onClosed(CloseReason reason) {
        // The waiting request, if any, was answered with the reason in its place.
    }
}
