package io.jnutcracker.route;

import io.jnutcracker.Version;
import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.Resp;
import io.jnutcracker.resp.RespType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One INFO reply for a pool from every server's (drivers such as node-redis and ioredis read
 * {@code redis_version} and wait while {@code loading:1}): the first server's text, section by
 * section as the servers chose them ({@code INFO section} works as with Redis), with
 * {@code loading} 1 while any server loads, {@code jnutcracker_version} added to the Server section,
 * and the Keyspace section summed over the pool ({@code keys}, {@code expires}; {@code avg_ttl}
 * weighted by each server's expires).
 */
final class InfoMerge {
    private InfoMerge() {
    }

    static ByteBuf merge(Reply[] replies, ByteBufAllocator alloc) {
        String[] texts = new String[replies.length];
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].type() != RespType.BULK_STRING || replies[i].isNull()) {
                return Resp.error(alloc, "ERR unexpected reply from a server to INFO");
            }
            texts[i] = bulkText(replies[i]);
        }
        boolean loading = false;
        Map<String, long[]> keyspace = new LinkedHashMap<>(); // db -> keys, expires, sum of avg_ttl * expires
        for (String text : texts) {
            for (String line : text.split("\r\n")) {
                loading |= line.equals("loading:1");
                if (line.startsWith("db") && line.contains(":keys=")) {
                    addKeyspace(keyspace, line);
                }
            }
        }
        StringBuilder out = new StringBuilder(texts[0].length() + 64);
        boolean inKeyspace = false;
        for (String line : texts[0].split("\r\n", -1)) {
            if (line.startsWith("#")) {
                inKeyspace = line.equals("# Keyspace");
                out.append(line).append("\r\n");
                if (inKeyspace) {
                    keyspace.forEach((db, v) -> out.append(db).append(":keys=").append(v[0]).append(",expires=")
                            .append(v[1]).append(",avg_ttl=").append(v[1] == 0 ? 0 : v[2] / v[1]).append("\r\n"));
                }
            } else if (inKeyspace && line.startsWith("db")) {
                continue; // replaced by the pool's sums above
            } else if (line.startsWith("loading:")) {
                out.append(loading ? "loading:1" : "loading:0").append("\r\n");
            } else if (line.startsWith("redis_version:")) {
                out.append(line).append("\r\njnutcracker_version:").append(Version.JNUTCRACKER).append("\r\n");
            } else {
                out.append(line).append("\r\n");
            }
        }
        out.setLength(out.length() - 2); // the split kept the text's own end
        byte[] body = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf buf = alloc.buffer(body.length + 16);
        Resp.writeBulk(buf, body);
        return buf;
    }

    private static void addKeyspace(Map<String, long[]> keyspace, String line) {
        int colon = line.indexOf(':');
        long[] sums = keyspace.computeIfAbsent(line.substring(0, colon), k -> new long[3]);
        long keys = 0;
        long expires = 0;
        long ttl = 0;
        for (String field : line.substring(colon + 1).split(",")) {
            int eq = field.indexOf('=');
            long value = Long.parseLong(field.substring(eq + 1));
            switch (field.substring(0, eq)) {
                case "keys" -> keys = value;
                case "expires" -> expires = value;
                case "avg_ttl" -> ttl = value;
                default -> { }
            }
        }
        sums[0] += keys;
        sums[1] += expires;
        sums[2] += ttl * expires;
    }

    private static String bulkText(Reply reply) {
        ByteBuf frame = reply.frame();
        int start = frame.indexOf(frame.readerIndex(), frame.writerIndex(), (byte) '\n') + 1;
        return frame.toString(start, frame.writerIndex() - start - 2, StandardCharsets.ISO_8859_1);
    }
}
