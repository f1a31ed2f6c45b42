package io.jnutcracker.backend;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import java.util.concurrent.ThreadFactory;

/**
 * Native epoll where available (Linux, like nutcracker's epoll backend), else NIO. Unix sockets
 * need epoll. Every channel of the proxy, client and server side, uses the same transport so a
 * client's server connections can live on the client's own event loop.
 */
public enum Transport {
    EPOLL, NIO;

    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    public EventLoopGroup newGroup(int threads, ThreadFactory factory) {
        return new MultiThreadIoEventLoopGroup(threads, factory,
                this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public Class<? extends Channel> socketChannel(boolean unix) {
        if (unix) {
            requireEpoll();
            return EpollDomainSocketChannel.class;
        }
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerChannel> serverChannel(boolean unix) {
        if (unix) {
            requireEpoll();
            return EpollServerDomainSocketChannel.class;
        }
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private void requireEpoll() {
        if (this != EPOLL) {
            throw new IllegalStateException("unix sockets need the native epoll transport");
        }
    }
}
