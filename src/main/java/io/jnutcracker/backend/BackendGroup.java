package io.jnutcracker.backend;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ServerConfig;
import io.jnutcracker.resp.Resp;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The server connections of one pool on one event loop (nutcracker's per-server connection
 * lists). Every client of the pool on this loop shares them, so a client's requests and the replies
 * that complete them never cross threads.
 *
 * <p>{@code server_connections} is the pool-wide count nutcracker keeps per server; with several
 * event loops each loop keeps its share, rounded up, at least one.
 */
public final class BackendGroup {
    private final GroupSettings settings;
    private final EventLoop loop;
    private final Workers workers;
    private final Transport transport;
    private final io.netty.channel.RecvByteBufAllocator readBuffers;
    private final BackendConnection[][] connections;
    private final int[] nextConnection;

    public BackendGroup(GroupSettings settings, EventLoop loop, Workers workers) {
        this.settings = settings;
        this.loop = loop;
        this.workers = workers;
        this.transport = workers.transport();
        this.readBuffers = workers.readBuffers();
        int loops = workers.loops().size();
        int servers = settings.config().servers().size();
        int perLoop = Math.max(1, (settings.config().serverConnections() + loops - 1) / loops);
        this.connections = new BackendConnection[servers][perLoop];
        this.nextConnection = new int[servers];
    }

    /** A usable connection to server {@code index}, round-robin, (re)connecting as needed. */
    public BackendConnection connection(int index) {
        BackendConnection[] slots = connections[index];
        int slot = nextConnection[index];
        nextConnection[index] = slot + 1 == slots.length ? 0 : slot + 1;
        BackendConnection c = slots[slot];
        if (c == null || c.isClosed()) {
            c = connect(index, settings.config().timeoutMs(), null);
            slots[slot] = c;
        }
        return c;
    }

    /**
     * A new connection to server {@code index} for one client alone, outside the shared ones:
     * {@code timed} says whether the pool {@code timeout} applies (not to a blocking command nor a
     * subscription, which wait by design). It counts in {@code server_connections} like any other.
     */
    public BackendConnection dedicated(int index, boolean timed, Dedication dedication) {
        return connect(index, timed ? settings.config().timeoutMs() : 0, dedication);
    }

    /** Opens one connection to every server ({@code preconnect}); failures count as usual. */
    public void preconnect() {
        for (int i = 0; i < connections.length; i++) {
            if (connections[i][0] == null) {
                connections[i][0] = connect(i, settings.config().timeoutMs(), null);
            }
        }
    }

    public void closeAll() {
        for (BackendConnection[] slots : connections) {
            for (BackendConnection c : slots) {
                if (c != null) {
                    c.shutdown();
                }
            }
        }
    }

    /**
     * The pool was reconfigured: requests already sent finish on these connections, which then
     * close; nothing new is sent here (callers use the new generation's group).
     */
    public void retire() {
        for (BackendConnection[] slots : connections) {
            for (BackendConnection c : slots) {
                if (c != null) {
                    c.closeWhenIdle();
                }
            }
        }
    }

    private BackendConnection connect(int index, int timeoutMs, Dedication dedication) {
        PoolConfig pc = settings.config();
        ServerConfig sc = pc.servers().get(index);
        int slot = settings.statsSlots()[index];
        ServerTarget target = new ServerTarget(pc.name(), index, slot, sc, timeoutMs, settings.health());
        BackendConnection connection = new BackendConnection(target, loop, settings.clock(),
                settings.stats().serverConnection(slot, loop));
        connection.dedicate(dedication);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel(sc.isUnix()))
                .option(ChannelOption.RCVBUF_ALLOCATOR, readBuffers)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new BackendHandler.Progress(connection));
                        if (settings.tls() != null) {
                            // Below the decoder, which sees plain bytes; requests written before the
                            // handshake ends wait in the SslHandler (AUTH and SELECT first).
                            ch.pipeline().addLast(settings.tls().newHandler(ch.alloc(), sc.host(), sc.port()));
                        }
                        ChannelHandler decoder = settings.replyDecoder().get();
                        ch.config().setRecvByteBufAllocator(workers.readBuffers(decoder));
                        ch.pipeline().addLast(decoder, new BackendHandler(connection));
                    }
                });
        if (!sc.isUnix()) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        }
        if (pc.timeoutMs() > 0) {
            bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, pc.timeoutMs());
        }
        // AUTH before SELECT: nutcracker sends SELECT first, which fails with NOAUTH and leaves
        // the data in db 0 (#491).
        if (pc.redisAuth() != null) {
            connection.handshake(commandFrame("AUTH", pc.redisAuth()), "AUTH");
        }
        if (pc.redis() && pc.redisDb() > 0) { // a memcached pool accepts redis_db and ignores it, as nutcracker
            connection.handshake(commandFrame("SELECT", Integer.toString(pc.redisDb())),
                    "SELECT " + pc.redisDb());
        }
        // Resolved at each connect, as nutcracker does since 0.4.1, so DNS changes are followed.
        SocketAddress address = sc.isUnix() ? new DomainSocketAddress(sc.unixPath())
                : InetSocketAddress.createUnresolved(sc.host(), sc.port());
        connection.attach(workers.connect(bootstrap, address));
        return connection;
    }

    private static ByteBuf commandFrame(String... args) {
        ByteBuf frame = Unpooled.buffer();
        Resp.writeArrayHeader(frame, args.length);
        for (String arg : args) {
            Resp.writeBulk(frame, arg.getBytes(StandardCharsets.UTF_8));
        }
        return frame;
    }
}
