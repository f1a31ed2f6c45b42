package io.jnutcracker.backend;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The event-loop transport: native epoll where available (Linux, like nutcracker's epoll backend),
 * else NIO; io_uring only when asked for ({@code --transport io_uring}; measured against epoll in
 * bench/RESULTS.md, "Transport: io_uring vs epoll"). Every channel of the proxy, client and server
 * side, uses the same transport so a client's server connections can live on the client's own event
 * loop: a channel registers only with a loop of its own kind, which is why unix sockets use the
 * transport's own domain-socket channels (epoll's and, since Netty 4.2, io_uring's), and NIO has none.
 */
public enum Transport {
    EPOLL, IO_URING, NIO;

    /** The default: epoll where it loads, else NIO (io_uring is never chosen by itself). */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** {@code epoll}, {@code io_uring}, {@code nio}: the name {@code --transport} takes and logs show. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The transport named {@code name} as {@code --transport} spells it, or null when there is none. */
    public static Transport named(String name) {
        for (Transport t : values()) {
            if (t.flagName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Why this transport cannot run here (the native library did not load, the kernel refuses
     * io_uring, {@code -Dio.netty.transport.noNative=true}, ...), or null when it can.
     */
    public Throwable unavailabilityCause() {
        return switch (this) {
            case EPOLL -> Epoll.unavailabilityCause();
            case IO_URING -> IoUring.unavailabilityCause();
            case NIO -> null;
        };
    }

    public EventLoopGroup newGroup(int threads, ThreadFactory factory) {
        return new MultiThreadIoEventLoopGroup(threads, factory, ioHandlerFactory());
    }

    private IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    public Class<? extends Channel> socketChannel(boolean unix) {
        return switch (this) {
            case EPOLL -> unix ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
            case IO_URING -> unix ? IoUringDomainSocketChannel.class : IoUringSocketChannel.class;
            case NIO -> unix ? noUnixSockets() : NioSocketChannel.class;
        };
    }

    /** The SO_REUSEPORT option of this transport's TCP listeners (the pool key {@code reuseport}). */
    public io.netty.channel.ChannelOption<Boolean> reusePort() {
        return switch (this) {
            case EPOLL -> io.netty.channel.epoll.EpollChannelOption.SO_REUSEPORT;
            case IO_URING -> io.netty.channel.uring.IoUringChannelOption.SO_REUSEPORT;
            case NIO -> io.netty.channel.socket.nio.NioChannelOption.of(java.net.StandardSocketOptions.SO_REUSEPORT);
        };
    }

    public Class<? extends ServerChannel> serverChannel(boolean unix) {
        return switch (this) {
            case EPOLL -> unix ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class;
            case IO_URING -> unix ? IoUringServerDomainSocketChannel.class : IoUringServerSocketChannel.class;
            case NIO -> unix ? noUnixSockets() : NioServerSocketChannel.class;
        };
    }

    private static <T> T noUnixSockets() {
        throw new IllegalStateException("unix sockets need a native transport (epoll or io_uring)");
    }
}
