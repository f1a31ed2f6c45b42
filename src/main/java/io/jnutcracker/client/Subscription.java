package io.jnutcracker.client;

import io.jnutcracker.backend.BackendConnection;
import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.Dedication;
import io.jnutcracker.command.Command;
import io.jnutcracker.command.Stateful;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.route.Generation;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A client in Redis's subscribed mode (RESP2). Each channel is subscribed on the server its name
 * hashes to with the pool's hash and distribution, exactly as a key would be, so PUBLISH (placed like
 * a key) through any proxy of the pool reaches it; a pattern is subscribed on every server. The
 * client holds one connection of its own per server it uses.
 *
 * <p>Order: a (un)subscribe request is one {@link Acks} msg in the client's queue, done once every
 * server has confirmed; its reply is the confirmations Redis would send, counted by the proxy over
 * all servers. Messages are pushes queued behind it, so a message never overtakes the confirmation of
 * its channel, and the messages of one channel, from one server connection, keep their order.
 */
final class Subscription implements Dedication {
    private static final byte[] MESSAGE = "*3\r\n$7\r\nmessage\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PMESSAGE = "*4\r\n$8\r\npmessage\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SMESSAGE = "*3\r\n$8\r\nsmessage\r\n".getBytes(StandardCharsets.US_ASCII);

    private final DedicatedPath path;
    private final Set<String> channels = new LinkedHashSet<>();
    private final Set<String> patterns = new LinkedHashSet<>();
    private final Set<String> shards = new LinkedHashSet<>();
    /** Per server index, the client's connection to it; null entries not opened. */
    private BackendConnection[] connections;
    private Generation generation;

    Subscription(DedicatedPath path) {
        this.path = path;
    }

    /** Whether the client is in subscribed mode. */
    boolean active() {
        return generation != null;
    }

    /** Serves {@code request} in subscribed mode, or starts it; false for QUIT (the normal path's). */
    boolean request(Request request, Command command, Stateful stateful, Generation current) {
        if (stateful != null && stateful.kind() == Stateful.Kind.SUBSCRIBE) {
            if (generation == null) {
                generation = current;
                connections = new BackendConnection[current.servers().servers().size()];
            }
            change(request, stateful);
            leaveIfEmpty();
            return true;
        }
        if (command.name().equals("QUIT")) {
            return false;
        }
        if (command.name().equals("PING") && request.argc() <= 2) {
            path.session.reply(pong(request));
        } else {
            path.error("ERR Can't execute '" + command.name().toLowerCase(Locale.ROOT)
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
        }
        request.release();
        return true;
    }

    private void change(Request request, Stateful command) {
        String verb = command.name().toLowerCase(Locale.ROOT);
        boolean pattern = command == Stateful.PSUBSCRIBE || command == Stateful.PUNSUBSCRIBE;
        boolean shard = command == Stateful.SSUBSCRIBE || command == Stateful.SUNSUBSCRIBE;
        boolean subscribe = command == Stateful.SUBSCRIBE || command == Stateful.PSUBSCRIBE
                || command == Stateful.SSUBSCRIBE;
        Set<String> set = pattern ? patterns : shard ? shards : channels;
        List<String> names = new ArrayList<>();
        for (int i = 1; i < request.argc(); i++) {
            names.add(request.argString(i));
        }
        request.release();
        if (!subscribe && names.isEmpty()) {
            names.addAll(set);
        }
        int[][] servers = new int[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            servers[i] = pattern ? all() : new int[] {place(names.get(i))};
            if (servers[i][0] < 0 || subscribe && !opened(servers[i])) {
                if (servers[i][0] < 0) {
                    path.session.reply(path.pool.protocol().failure(path.alloc, CloseReason.REFUSED));
                }
                return;
            }
        }
        ByteBuf reply = path.alloc.buffer();
        Acks acks = new Acks(path.session, reply);
        path.session.enqueue(acks);
        if (names.isEmpty()) { // UNSUBSCRIBE with nothing subscribed: Redis answers with a null channel
            confirmation(reply, verb, null, count(shard));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean changed = subscribe ? set.add(name) : set.remove(name);
            confirmation(reply, verb, name, count(shard));
            for (int s : servers[i]) {
                BackendConnection c = connections[s];
                if ((subscribe || changed) && c != null && !c.isClosed()) {
                    acks.expect();
                    path.send(c, frame(command.name(), name), acks);
                }
            }
        }
        acks.sent();
    }

    /** Opens what is missing of the connections to {@code servers}; false (the error queued) if over the cap. */
    private boolean opened(int[] servers) {
        for (int s : servers) {
            if (connections[s] == null || connections[s].isClosed()) {
                connections[s] = path.open(generation, s, false, this);
                if (connections[s] == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Nothing subscribed any more: out of subscribed mode, the connections close once confirmed. */
    private void leaveIfEmpty() {
        if (channels.isEmpty() && patterns.isEmpty() && shards.isEmpty()) {
            close(false);
        }
    }

    /** The client closed ({@code now}) or left subscribed mode. */
    void close(boolean now) {
        if (connections != null) {
            for (BackendConnection c : connections) {
                if (c != null) {
                    if (now) {
                        c.shutdown();
                    } else {
                        c.closeWhenIdle();
                    }
                }
            }
        }
        connections = null;
        generation = null;
    }

    /** Redis's count in a confirmation: channels and patterns, or shard channels for the S forms. */
    private int count(boolean shard) {
        return shard ? shards.size() : channels.size() + patterns.size();
    }

    private int place(String name) {
        byte[] bytes = name.getBytes(Resp.CHARSET);
        return generation.servers().serverFor(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }

    private int[] all() {
        int[] s = new int[connections.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = i;
        }
        return s;
    }

    private static void confirmation(ByteBuf out, String verb, String name, int count) {
        Resp.writeArrayHeader(out, 3);
        Resp.writeBulk(out, verb.getBytes(Resp.CHARSET));
        if (name == null) {
            Resp.writeNullBulk(out);
        } else {
            Resp.writeBulk(out, name.getBytes(Resp.CHARSET));
        }
        Resp.writeInteger(out, count);
    }

    private ByteBuf pong(Request request) {
        ByteBuf out = path.alloc.buffer();
        Resp.writeArrayHeader(out, 2);
        Resp.writeBulk(out, "pong".getBytes(Resp.CHARSET));
        Resp.writeBulk(out, request.argc() == 2 ? request.argString(1).getBytes(Resp.CHARSET) : new byte[0]);
        return out;
    }

    private static ByteBuf frame(String verb, String name) {
        ByteBuf out = io.netty.buffer.Unpooled.buffer();
        Resp.writeArrayHeader(out, 2);
        Resp.writeBulk(out, verb.getBytes(Resp.CHARSET));
        Resp.writeBulk(out, name.getBytes(Resp.CHARSET));
        return out;
    }

    @Override
    public boolean isPush(Reply reply) {
        ByteBuf f = reply.frame();
        return startsWith(f, MESSAGE) || startsWith(f, PMESSAGE) || startsWith(f, SMESSAGE);
    }

    private static boolean startsWith(ByteBuf f, byte[] prefix) {
        if (f.readableBytes() < prefix.length) {
            return false;
        }
        int at = f.readerIndex();
        for (int i = 0; i < prefix.length; i++) {
            if (f.getByte(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onPush(Reply reply) {
        path.session.reply(reply.frame());
    }

    @Override
    public void onClosed(CloseReason reason) {
        if (reason != CloseReason.PROXY_CLOSED) {
            // The server went away: so does the subscription, as a direct connection to it would
            // (the client hears of it by the close, after every reply already owed).
            path.session.inputClosed();
        }
    }
}
