package io.jnutcracker.stats;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nutcracker's stats port ({@code stats_listen}/{@code stats_send_rsp}): each connection gets one
 * JSON document and is closed; nothing is read. A thread of its own, as in nutcracker, so a slow
 * reader never touches the event loops.
 */
final class StatsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsServer.class);

    private final ServerSocket socket;
    private final Supplier<byte[]> document;
    private final Thread thread;

    private StatsServer(ServerSocket socket, Supplier<byte[]> document) {
        this.socket = socket;
        this.document = document;
        this.thread = new Thread(this::serve, "jn-stats-server");
        thread.setDaemon(true);
    }

    /** Binds {@code address:port} (SO_REUSEADDR, backlog SOMAXCONN as far as the kernel allows). */
    static StatsServer start(String address, int port, Supplier<byte[]> document) throws IOException {
        String where = address + ":" + port;
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 4096);
        } catch (IOException e) {
            socket.close();
            throw new IOException("bind on stats server addr '" + where + "' failed: " + reason(e), e);
        }
        StatsServer server = new StatsServer(socket, document);
        server.thread.start();
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.getOutputStream().write(document.get());
                client.shutdownOutput();
                // Whatever the client sent would turn our close into a reset that can beat the
                // document to it: drop what has arrived.
                InputStream in = client.getInputStream();
                while (in.available() > 0 && in.skip(in.available()) > 0) {
                    // discard
                }
            } catch (SocketException e) {
                if (!socket.isClosed()) {
                    LOG.debug("stats client: {}", e.toString());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("send stats failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** The text of the error, as strerror would put it ("Address already in use"). */
    static String reason(IOException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int paren = m.indexOf(" (");
        return paren > 0 && m.startsWith("Address already in use") ? m.substring(0, paren) : m;
    }
}
