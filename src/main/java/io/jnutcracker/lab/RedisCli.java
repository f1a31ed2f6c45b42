package io.jnutcracker.lab;

import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.resp.Resp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's client: sends commands to a server or a proxy on one connection and returns each reply
 * as {@code redis-cli} prints it ({@code "v1"}, {@code (nil)}, {@code OK}, {@code (error) ...},
 * {@code (integer) 1}), so the lab's transcript reads like the write-up's. A failure to connect or
 * read becomes the reply text too, as redis-cli would print it, and counts as a wrong answer.
 * Replies are framed by the data path's own {@link ReplyDecoder}, driven without an event loop.
 */
public final class RedisCli {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final String host;
    private final int port;

    public RedisCli(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** "host:port" as redis-cli's prompt shows it ({@code host:port>}). */
    public static RedisCli of(String address) {
        int colon = address.lastIndexOf(':');
        return new RedisCli(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    public String address() {
        return host + ":" + port;
    }

    /** One command, on a connection of its own. */
    public String call(String... args) {
        return callAll(List.<String[]>of(args)).get(0);
    }

    /**
     * Commands pipelined on one connection (one command per key: this tests plain routing, not
     * MSET/MGET); one formatted reply each. After an I/O error, every reply not received is that error.
     */
    public List<String> callAll(List<String[]> commands) {
        List<String> replies = new ArrayList<>(commands.size());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            s.getOutputStream().write(encode(commands));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            EmbeddedChannel decoder = new EmbeddedChannel(new ReplyDecoder());
            try {
                byte[] buf = new byte[64 * 1024];
                while (replies.size() < commands.size()) {
                    Reply reply = decoder.readInbound();
                    if (reply != null) {
                        try {
                            replies.add(format(reply));
                        } finally {
                            reply.release();
                        }
                        continue;
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        throw new IOException("Server closed the connection");
                    }
                    decoder.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
                }
            } finally {
                decoder.finishAndReleaseAll();
            }
        } catch (IOException | RuntimeException e) {
            String error = "Could not connect to Redis at " + address() + ": " + e.getMessage();
            while (replies.size() < commands.size()) {
                replies.add(error);
            }
        }
        return replies;
    }

    private static byte[] encode(List<String[]> commands) {
        ByteBuf out = Unpooled.buffer();
        for (String[] args : commands) {
            Resp.writeArrayHeader(out, args.length);
            for (String arg : args) {
                Resp.writeBulk(out, arg.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    static String format(Reply reply) {
        if (reply.isNull()) {
            return "(nil)";
        }
        ByteBuf frame = reply.frame();
        int lineEnd = frame.indexOf(frame.readerIndex(), frame.writerIndex(), (byte) '\r');
        String line = frame.toString(frame.readerIndex() + 1, lineEnd - frame.readerIndex() - 1, StandardCharsets.UTF_8);
        return switch (reply.type()) {
            case ERROR -> "(error) " + line;
            case INTEGER -> "(integer) " + line;
            case BULK_STRING -> quote(frame.toString(lineEnd + 2, Integer.parseInt(line), StandardCharsets.UTF_8));
            default -> line;
        };
    }

    /** A bulk reply quoted and escaped as redis-cli prints one (its sdscatrepr). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            switch (c) {
                case '\\', '"' -> out.append('\\').append((char) c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
        }
        return out.append('"').toString();
    }
}
