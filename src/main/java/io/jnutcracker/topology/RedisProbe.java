package io.jnutcracker.topology;

import io.jnutcracker.backend.Transport;
import io.jnutcracker.config.TlsConfig;
import io.jnutcracker.resp.ProtocolException;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.tls.ServerTls;
import io.jnutcracker.tls.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The real {@link InfoSource}: one short connection per question (TCP or unix socket),
 * TLS when the pool connects to its servers with it ({@code jn_tls_server}),
 * {@code AUTH} when the pool has {@code redis_auth}, then {@code INFO replication}, both sent at
 * once and read back through the data path's {@link ReplyDecoder}. Everything (connect, write, both
 * replies) shares one deadline, so a dead or silent server costs at most {@code timeoutMillis}.
 *
 * <p>The connections live on one event-loop thread of the probe's own, started at the first
 * question and stopped by {@link #close()}. {@link #replication} blocks the caller until the answer
 * or the deadline: never call it on an event loop.
 */
public final class RedisProbe implements InfoSource, AutoCloseable {
    /** Default deadline per server: long enough for a loaded server, short enough for a check of many. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 1000;

    /** Bound on the local set-up before the deadline starts (see {@link #ask}); never reached in practice. */
    private static final long LOCAL_SETUP_MILLIS = 10_000;

    private final int timeoutMillis;
    private final Transport transport = Transport.best();
    private final Map<TlsConfig.Servers, ServerTls> contexts = new HashMap<>();
    private EventLoopGroup group;
    private boolean closed;

    public RedisProbe(int timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public ReplicationInfo replication(Endpoint endpoint, String password, TlsConfig.Servers tls)
            throws IOException {
        SocketAddress address = endpoint.socketAddress(); // resolves now, on the caller's thread
        if (address instanceof InetSocketAddress a && a.isUnresolved()) {
            throw new IOException("cannot resolve " + endpoint.host());
        }
        List<String[]> commands = new ArrayList<>();
        if (password != null) {
            commands.add(new String[] {"AUTH", password});
        }
        commands.add(new String[] {"INFO", "replication"});
        List<Answer> answers = ask(endpoint, address, commands, serverTls(tls));
        Answer info = answers.get(answers.size() - 1);
        if (password != null && answers.get(0).error()) {
            throw new IOException("AUTH refused: " + answers.get(0).text());
        }
        if (info.error()) {
            throw new IOException(info.text());
        }
        if (info.text() == null) {
            throw new IOException("not a redis INFO reply"); // a null bulk, or an array
        }
        try {
            return ReplicationInfo.parse(info.text());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a redis INFO reply", e);
        }
    }

    /**
     * Sends {@code commands} over one short connection ({@code AUTH password} first when a password
     * is given) and returns their answers, AUTH's excluded; the Sentinel client's questions.
     */
    public List<Answer> ask(Endpoint endpoint, String password, List<String[]> commands) throws IOException {
        SocketAddress address = endpoint.socketAddress();
        if (address instanceof InetSocketAddress a && a.isUnresolved()) {
            throw new IOException("cannot resolve " + endpoint.host());
        }
        List<String[]> all = new ArrayList<>();
        if (password != null) {
            all.add(new String[] {"AUTH", password});
        }
        all.addAll(commands);
        List<Answer> answers = ask(endpoint, address, all, null); // Sentinels: plain TCP
        if (password != null && answers.get(0).error()) {
            throw new IOException("AUTH refused: " + answers.get(0).text());
        }
        return answers.subList(password == null ? 0 : 1, answers.size());
    }

    private List<Answer> ask(Endpoint endpoint, SocketAddress address, List<String[]> commands,
            ServerTls tls) throws IOException {
        ProbeHandler handler = new ProbeHandler(commands);
        ChannelFuture registered = new Bootstrap()
                .group(group())
                .channel(transport.socketChannel(endpoint.isUnix()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ProbeHandler.InputLimit(ProbeHandler.InputLimit.MAX_BYTES));
                        if (tls != null) {
                            // As the pool's own connections (jn_tls_server): first, below the decoder.
                            SslHandler ssl = tls.newHandler(ch.alloc(), endpoint.host(), endpoint.port());
                            ssl.handshakeFuture().addListener(f -> {
                                if (!f.isSuccess()) {
                                    handler.result.completeExceptionally(f.cause());
                                }
                            });
                            ch.pipeline().addLast(ssl);
                        }
                        ch.pipeline().addLast(new ReplyDecoder(), handler);
                    }
                })
                .register();
        // The deadline starts once the channel is registered: that local step (with group()'s
        // allocator set-up) is where a cold JVM loads and initialises Netty, up to a second on a busy
        // machine, which would otherwise time out the first server of a check.
        awaitLocal(registered);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        ChannelFuture connect = registered.channel().connect(address);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                handler.result.completeExceptionally(f.cause());
            }
        });
        try {
            return handler.result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("timed out (" + handler.stage() + ")");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } finally {
            connect.channel().close();
        }
    }

    private static void awaitLocal(ChannelFuture registered) throws IOException {
        try {
            if (registered.await(LOCAL_SETUP_MILLIS) && registered.isSuccess()) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } finally {
            if (!registered.isSuccess()) {
                registered.channel().close();
            }
        }
        throw new IOException("cannot open a connection: " + registered.cause(), registered.cause());
    }

    /** One context per pool setting for the probe's life (a check asks many servers of one pool). */
    private synchronized ServerTls serverTls(TlsConfig.Servers tls) throws IOException {
        if (tls == null) {
            return null;
        }
        ServerTls known = contexts.get(tls);
        if (known == null) {
            known = TlsContexts.servers(tls);
            contexts.put(tls, known);
        }
        return known;
    }

    /** The short reasons the report prints; the cause stays attached for a debugger. */
    private static IOException failure(Throwable cause) {
        String tls = tlsFailure(cause);
        if (tls != null) {
            return new IOException(tls, cause);
        }
        if (cause instanceof ConnectTimeoutException) {
            return new IOException("timed out (connect)", cause);
        }
        if (cause instanceof FileNotFoundException) {
            return new IOException("No such file or directory", cause); // no unix socket there (Netty gives no text)
        }
        if (cause instanceof ConnectException) {
            return new IOException("connection refused", cause);
        }
        if (cause instanceof ProtocolException) {
            return new IOException("protocol error: " + cause.getMessage(), cause);
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause.toString(), cause);
    }

    /** "TLS handshake failed: ..." with the innermost reason (no stack, no class names), or null. */
    private static String tlsFailure(Throwable cause) {
        Throwable root = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                root = t;
            }
            if (root != null && t.getMessage() != null) {
                root = t;
            }
        }
        return root == null ? null : "TLS handshake failed: " + root.getMessage();
    }

    private synchronized EventLoopGroup group() throws IOException {
        if (closed) {
            throw new IOException("probe closed");
        }
        if (group == null) {
            group = transport.newGroup(1, new DefaultThreadFactory("jn-probe", true));
            // Netty's pooled allocator sets itself up at its first buffer on a thread: a quarter of a
            // second or more on a busy machine. Done here, before any deadline starts.
            group.submit(() -> ByteBufAllocator.DEFAULT.buffer().release())
                    .awaitUninterruptibly(LOCAL_SETUP_MILLIS);
        }
        return group;
    }

    /** Stops the event-loop thread, if one was started; connections still open are closed. */
    @Override
    public synchronized void close() {
        closed = true;
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
