package io.jnutcracker.stats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The Prometheus endpoint: {@code GET /metrics} (the text format 0.0.4, or OpenMetrics when the
 * scraper's Accept header asks for it) and {@code GET /-/healthy}, over Netty's HTTP codec on the
 * stats thread. Not the client library's {@code HTTPServer}: that rides on the JDK's
 * com.sun.net.httpserver, which in JDK 17 has no connection limit (jdk.httpserver.maxConnections
 * came with JDK 18) and only JVM-wide timeout properties, and the exporter reports every aborted
 * exchange with printStackTrace on stderr, past {@code -o}.
 */
final class PrometheusServer {
    /**
     * 16 connections at once: Prometheus keeps one per target and scraper (an HA pair: 2), plus
     * people with curl. 10 s for a connection to deliver a complete request, and for a kept-alive
     * one between scrapes (Prometheus's default interval is 15 s and it reconnects at will).
     */
    static final StatsEndpoints.Limits LIMITS = new StatsEndpoints.Limits(16, 10_000);
    /** A scrape is a GET: a request line and headers of a few hundred bytes; 8 KB is generous. */
    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_LINE_BYTES = 4096;
    private static final int MAX_BODY_BYTES = 8192;

    private final Channel channel;

    private PrometheusServer(Channel channel) {
        this.channel = channel;
    }

    static PrometheusServer start(StatsEndpoints endpoints, String address, int port, MultiCollector collector)
            throws IOException {
        return start(endpoints, address, port, collector, LIMITS);
    }

    static PrometheusServer start(StatsEndpoints endpoints, String address, int port, MultiCollector collector,
                                  StatsEndpoints.Limits limits) throws IOException {
        ExpositionFormats formats = ExpositionFormats.init();
        return new PrometheusServer(endpoints.bind("prometheus", address, port, limits, ch -> ch.pipeline()
                .addLast("http", new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, MAX_BODY_BYTES))
                .addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast("scrape", new Scrape(collector, formats))));
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    void close() {
        channel.close().awaitUninterruptibly();
    }

    private static final class Scrape extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final MultiCollector collector;
        private final ExpositionFormats formats;

        Scrape(MultiCollector collector, ExpositionFormats formats) {
            this.collector = collector;
            this.formats = formats;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
            FullHttpResponse response;
            boolean head = request.method().equals(HttpMethod.HEAD);
            if (!request.decoderResult().isSuccess()) {
                response = text(ctx, HttpResponseStatus.BAD_REQUEST, "bad request\n");
            } else if (!head && !request.method().equals(HttpMethod.GET)) {
                response = text(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only\n");
            } else {
                String path = new QueryStringDecoder(request.uri()).path();
                response = switch (path) {
                    case "/metrics" -> metrics(ctx, request.headers().get(HttpHeaderNames.ACCEPT));
                    case "/-/healthy" -> text(ctx, HttpResponseStatus.OK, "Exporter is healthy.\n");
                    default -> text(ctx, HttpResponseStatus.NOT_FOUND, "not found: try /metrics\n");
                };
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            if (head) {
                response.content().clear();
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
            HttpUtil.setKeepAlive(response, keepAlive);
            ChannelFuture sent = ctx.writeAndFlush(response);
            if (keepAlive) {
                StatsEndpoints.Deadline deadline = ctx.pipeline().get(StatsEndpoints.Deadline.class);
                sent.addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess() && deadline != null) {
                        deadline.extend(ctx.pipeline().context(deadline));
                    }
                });
                sent.addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            } else {
                sent.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private FullHttpResponse metrics(ChannelHandlerContext ctx, String accept) throws IOException {
            ExpositionFormatWriter writer = formats.findWriter(accept);
            if (!writer.isAvailable()) {
                // The protobuf format is not bundled (see pom.xml): fall back to the text format.
                writer = PrometheusTextFormatWriter.create();
            }
            ByteBuf body = ctx.alloc().buffer();
            try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
                writer.write(out, collector.collect());
            } catch (IOException | RuntimeException e) {
                body.release();
                throw e;
            }
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, writer.getContentType());
            return r;
        }

        private static FullHttpResponse text(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
            ByteBuf body = ctx.alloc().buffer();
            body.writeCharSequence(text, StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8");
            return r;
        }
    }
}
