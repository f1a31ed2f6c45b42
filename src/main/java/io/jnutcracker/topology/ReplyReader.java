package io.jnutcracker.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The little RESP a probe needs: commands out as arrays of bulk strings; replies in as simple
 * strings, errors, integers and bulk strings (what {@code AUTH} and {@code INFO} answer). Fed bytes
 * as they arrive; {@link #next()} returns a whole reply or {@code null} until one is complete. Public
 * for the lab ({@code io.jnutcracker.lab.RedisCli}), which speaks the same little RESP.
 */
public final class ReplyReader {
    /** Bulk replies larger than this are refused: an {@code INFO replication} is a few KB. */
    static final int MAX_BULK = 4 * 1024 * 1024;

    /**
     * One reply.
     *
     * @param type {@code +}, {@code -}, {@code :} or {@code $}
     * @param text the line, or the bulk content ({@code null} for a null bulk)
     */
    public record Reply(char type, String text) {
        public boolean error() {
            return type == '-';
        }
    }

    private byte[] data = new byte[0];
    private int start;

    public static byte[] encode(List<String[]> commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] args : commands) {
            out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(b);
                out.writeBytes(new byte[] {'\r', '\n'});
            }
        }
        return out.toByteArray();
    }

    public void feed(byte[] bytes, int length) {
        byte[] grown = new byte[data.length - start + length];
        System.arraycopy(data, start, grown, 0, data.length - start);
        System.arraycopy(bytes, 0, grown, data.length - start, length);
        data = grown;
        start = 0;
    }

    public Reply next() throws IOException {
        int eol = lineEnd(start);
        if (eol < 0) {
            return null;
        }
        char type = (char) data[start];
        String line = new String(data, start + 1, eol - start - 1, StandardCharsets.UTF_8);
        switch (type) {
            case '+', '-', ':' -> {
                start = eol + 2;
                return new Reply(type, line);
            }
            case '$' -> {
                long len;
                try {
                    len = Long.parseLong(line);
                } catch (NumberFormatException e) {
                    throw new IOException("protocol error: bad bulk length '" + line + "'");
                }
                if (len < 0) {
                    start = eol + 2;
                    return new Reply(type, null);
                }
                if (len > MAX_BULK) {
                    throw new IOException("protocol error: reply of " + len + " bytes");
                }
                int body = eol + 2;
                if (data.length < body + len + 2) {
                    return null;
                }
                start = body + (int) len + 2;
                return new Reply(type, new String(data, body, (int) len, StandardCharsets.UTF_8));
            }
            default -> throw new IOException("protocol error: unexpected reply type '" + type + "'");
        }
    }

    private int lineEnd(int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
