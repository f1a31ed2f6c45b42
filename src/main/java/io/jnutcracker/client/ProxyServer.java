package io.jnutcracker.client;

import io.jnutcracker.backend.Transport;
import io.jnutcracker.backend.Workers;
import io.jnutcracker.config.ListenConfig;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.route.Pool;
import io.jnutcracker.tls.HandshakeLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool's listener (nutcracker {@code nc_proxy.c}): binds {@code listen}, accepts clients onto the
 * worker loops, and keeps the pool's server connections per loop so each client talks to servers
 * from its own thread.
 */
public final class ProxyServer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final Workers workers;
    private final Transport transport;
    private final Pool pool;
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicLong clientIds = new AtomicLong();
    private final ChannelGroup clientChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel listener;

    public ProxyServer(Pool pool, Workers workers) {
        this.workers = workers;
        this.transport = workers.transport();
        this.pool = pool;
    }

    /** The pool this listener serves (long-lived: it outlives each configuration generation). */
    public Pool pool() {
        return pool;
    }

    /** Binds the pool's listen address; throws when it cannot (nutcracker aborts start-up). */
    public void bind(EventLoopGroup boss) throws IOException, InterruptedException {
        PoolConfig config = pool.config();
        listener = bind(boss, config);
        if (config.preconnect()) {
            pool.preconnect();
        }
        LOG.info("pool '{}' listening on '{}'{} with {} servers{}", pool.name(), config.listen().raw(),
                config.extensions().listenTls() != null ? " (TLS)" : "", config.servers().size(),
                config.extensions().serverTls() != null ? " (TLS)" : "");
    }

    private Channel bind(EventLoopGroup boss, PoolConfig pc) throws IOException, InterruptedException {
        ListenConfig listen = pc.listen();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers.group())
                .channel(transport.serverChannel(listen.isUnix()))
                .option(ChannelOption.SO_BACKLOG, pc.backlog())
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, workers.readBuffers())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch);
                    }
                });
        if (!listen.isUnix()) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // nutcracker applies tcpkeepalive to client sockets only (nc_proxy.c).
                    .childOption(ChannelOption.SO_KEEPALIVE, pc.tcpKeepalive());
            if (pc.extensions().reusePort()) {
                bootstrap.option(transport.reusePort(), true); // twemproxy master's reuseport
            }
        }
        SocketAddress address;
        if (listen.isUnix()) {
            Files.deleteIfExists(Path.of(listen.unixPath())); // nutcracker unlinks before bind
            address = new DomainSocketAddress(listen.unixPath());
        } else {
            address = new InetSocketAddress(listen.host(), listen.port());
        }
        var future = bootstrap.bind(address).await();
        if (!future.isSuccess()) {
            throw new IOException("bind on pool '" + pc.name() + "' to addr '" + listen.raw() + "' failed: "
                    + future.cause().getMessage(), future.cause());
        }
        if (listen.isUnix() && listen.permission() != 0) {
            Files.setPosixFilePermissions(Path.of(listen.unixPath()), permissions(listen.permission()));
        }
        return future.channel();
    }

    /**
     * Applies a changed configuration of this pool (config reload): a changed {@code listen} is bound
     * first (if that fails nothing changes), then requests arriving from now on go to the new servers
     * and continuum, while those already sent finish on the old connections. Clients stay connected.
     */
    public void reconfigure(EventLoopGroup boss, PoolConfig next) throws IOException, InterruptedException {
        if (!next.listen().equals(pool.config().listen())) {
            Channel rebound = bind(boss, next);
            Channel old = listener;
            listener = rebound;
            old.close().syncUninterruptibly();
        }
        pool.install(next);
    }

    /**
     * Removes the pool (config reload): stops accepting, lets each client's waiting requests be
     * answered, closes the clients, and after {@code graceMs} closes whatever is left.
     */
    public void drainAndClose(long graceMs) {
        unbind();
        pool.drain();
        long deadline = System.nanoTime() + graceMs * 1_000_000L;
        while (!clientChannels.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clientChannels.close().awaitUninterruptibly();
        closeBackends();
    }

    private void accept(Channel ch) {
        int limit = pool.config().clientConnections();
        int now = clients.incrementAndGet();
        ch.closeFuture().addListener(f -> clients.decrementAndGet());
        if (limit > 0 && now > limit) {
            // nutcracker parses client_connections and ignores it (#477); we enforce it with Redis's words.
            pool.stats().clientRefused(ch);
            ch.writeAndFlush(Resp.error(ch.alloc(), "ERR max number of clients reached"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        clientChannels.add(ch);
        // Half-closed clients (shutdown(SHUT_WR), `nc -N`) still get every reply: we see the end of
        // their input as an event, answer what they sent, then close, as Redis and nutcracker do.
        ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        // jn_tls_cert: the context of the generation in force at accept, so a reload with new
        // certificates serves new clients with them while connected ones keep their session.
        SslContext tls = pool.generation().clientTls();
        if (tls != null) {
            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HandshakeLog(pool.name()));
        }
        ChannelHandler decoder = pool.protocol().newRequestDecoder(workers.budget().largestValue());
        ch.config().setRecvByteBufAllocator(workers.readBuffers(decoder));
        ch.pipeline().addLast(decoder, new ClientHandler(pool, clientIds.incrementAndGet(), workers));
    }

    /** Stops accepting; open clients stay until {@link #closeBackends()} or they leave. */
    public void unbind() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }

    public void closeBackends() {
        pool.close();
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
