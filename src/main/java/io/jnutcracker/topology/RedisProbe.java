package io.jnutcracker.topology;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@link InfoSource}: one short connection per question (TCP or unix socket),
 * {@code AUTH} when the pool has {@code redis_auth}, then {@code INFO replication}. Everything
 * (connect, write, both replies) shares one deadline, so a dead or silent server costs at most
 * {@code timeoutMillis}. Blocking code on the caller's thread: never call it on an event loop.
 */
public final class RedisProbe implements InfoSource {
    /** Default deadline per server: long enough for a loaded server, short enough for a check of many. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 1000;

    private final int timeoutMillis;

    public RedisProbe(int timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public ReplicationInfo replication(Endpoint endpoint, String password) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        List<String[]> commands = new ArrayList<>();
        if (password != null) {
            commands.add(new String[] {"AUTH", password});
        }
        commands.add(new String[] {"INFO", "replication"});
        List<ReplyReader.Reply> replies;
        try (SocketChannel ch = endpoint.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
             Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            connect(ch, endpoint, selector, deadline);
            write(ch, ReplyReader.encode(commands), selector, deadline);
            replies = read(ch, commands.size(), selector, deadline);
        } catch (ConnectException e) {
            throw new IOException("connection refused", e);
        } catch (UnresolvedAddressException e) {
            throw new IOException("cannot resolve " + endpoint.host(), e);
        }
        ReplyReader.Reply info = replies.get(replies.size() - 1);
        if (password != null && replies.get(0).error()) {
            throw new IOException("AUTH refused: " + replies.get(0).text());
        }
        if (info.error()) {
            throw new IOException(info.text());
        }
        try {
            return ReplicationInfo.parse(info.text());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a redis INFO reply", e);
        }
    }

    private void connect(SocketChannel ch, Endpoint endpoint, Selector selector, long deadline) throws IOException {
        if (ch.connect(endpoint.socketAddress())) {
            return;
        }
        SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT);
        while (!ch.finishConnect()) {
            await(selector, deadline, "connect");
        }
        key.interestOps(0);
    }

    private void write(SocketChannel ch, byte[] bytes, Selector selector, long deadline) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        SelectionKey key = ch.keyFor(selector) != null ? ch.keyFor(selector) : ch.register(selector, 0);
        while (buf.hasRemaining()) {
            if (ch.write(buf) == 0) {
                key.interestOps(SelectionKey.OP_WRITE);
                await(selector, deadline, "write");
            }
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private List<ReplyReader.Reply> read(SocketChannel ch, int count, Selector selector, long deadline)
            throws IOException {
        ReplyReader reader = new ReplyReader();
        List<ReplyReader.Reply> replies = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (replies.size() < count) {
            ReplyReader.Reply r = reader.next();
            if (r != null) {
                replies.add(r);
                continue;
            }
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                throw new IOException("connection closed by server");
            } else if (n == 0) {
                await(selector, deadline, "reply");
            } else {
                reader.feed(buf.array(), n);
            }
        }
        return replies;
    }

    private static void await(Selector selector, long deadline, String what) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new IOException("timed out (" + what + ")");
        }
        selector.select(left);
        selector.selectedKeys().clear();
    }
}
