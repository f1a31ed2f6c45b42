package io.jnutcracker.lab;

import io.jnutcracker.topology.ReplyReader;
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
            s.getOutputStream().write(ReplyReader.encode(commands));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ReplyReader reader = new ReplyReader();
            byte[] buf = new byte[64 * 1024];
            while (replies.size() < commands.size()) {
                ReplyReader.Reply reply = reader.next();
                if (reply != null) {
                    replies.add(format(reply));
                    continue;
                }
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("Server closed the connection");
                }
                reader.feed(buf, n);
            }
        } catch (IOException e) {
            String error = "Could not connect to Redis at " + address() + ": " + e.getMessage();
            while (replies.size() < commands.size()) {
                replies.add(error);
            }
        }
        return replies;
    }

    static String format(ReplyReader.Reply reply) {
        return switch (reply.type()) {
            case '-' -> "(error) " + reply.text();
            case ':' -> "(integer) " + reply.text();
            case '$' -> reply.text() == null ? "(nil)" : quote(reply.text());
            default -> reply.text();
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
