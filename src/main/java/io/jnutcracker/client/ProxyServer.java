package io.jnutcracker.client;

import io.jnutcracker.backend.BackendGroup;
import io.jnutcracker.backend.Transport;
import io.jnutcracker.config.ListenConfig;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.resp.RequestDecoder;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.route.ServerPool;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool's listener (nutcracker {@code nc_proxy.c}): binds {@code listen}, accepts clients onto the
 * worker loops, and keeps the pool's server connections per loop so each client talks to servers
 * from its own thread.
 */
public final class ProxyServer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final ServerPool pool;
    private final Transport transport;
    private final Map<EventLoop, BackendGroup> groups = new IdentityHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();
    private Channel listener;

    public ProxyServer(ServerPool pool, EventLoopGroup workers, Transport transport) {
        this.pool = pool;
        this.transport = transport;
        int loops = 0;
        for (EventExecutor ignored : workers) {
            loops++;
        }
        for (EventExecutor e : workers) {
            groups.put((EventLoop) e, new BackendGroup(pool, (EventLoop) e, transport, loops));
        }
    }

    public ServerPool pool() {
        return pool;
    }

    BackendGroup group(EventLoop loop) {
        return groups.get(loop);
    }

    /** Open client connections. */
    public int clients() {
        return clients.get();
    }

    /** Binds the pool's listen address; throws when it cannot (nutcracker aborts start-up). */
    public void bind(EventLoopGroup boss, EventLoopGroup workers) throws IOException, InterruptedException {
        PoolConfig pc = pool.config();
        ListenConfig listen = pc.listen();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel(listen.isUnix()))
                .option(ChannelOption.SO_BACKLOG, pc.backlog())
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
        listener = future.channel();
        if (listen.isUnix() && listen.permission() != 0) {
            Files.setPosixFilePermissions(Path.of(listen.unixPath()), permissions(listen.permission()));
        }
        if (pc.preconnect()) {
            groups.forEach((loop, group) -> loop.execute(group::preconnect));
        }
        LOG.info("pool '{}' listening on '{}' with {} servers", pc.name(), listen.raw(), pc.servers().size());
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
        ch.pipeline().addLast(new RequestDecoder(), new ClientHandler(this));
    }

    /** Stops accepting; open clients stay until {@link #closeBackends()} or they leave. */
    public void unbind() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }

    public void closeBackends() {
        groups.forEach((loop, group) -> loop.execute(group::closeAll));
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
