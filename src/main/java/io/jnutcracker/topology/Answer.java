package io.jnutcracker.topology;

import io.jnutcracker.resp.Reply;
import io.jnutcracker.resp.ReplyDecoder;
import io.jnutcracker.resp.RespType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply to a question the proxy asks on its own behalf ({@link RedisProbe}, the Sentinel
 * client), as plain values so nothing reference counted outlives the event loop. Aggregates keep
 * their elements, each read again by the data path's {@link ReplyDecoder} (Sentinel answers are
 * arrays of arrays).
 *
 * @param text the line, or the bulk payload; {@code null} for a null bulk or an aggregate
 * @param elements an aggregate's elements in order; empty otherwise (and for a null array)
 */
public record Answer(RespType type, boolean error, String text, List<Answer> elements) {

    public Answer {
        elements = List.copyOf(elements);
    }

    /** A reply that is not an aggregate. */
    public Answer(RespType type, boolean error, String text) {
        this(type, error, text, List.of());
    }

    /** Reads {@code reply} (which the caller still owns and releases). */
    public static Answer of(Reply reply) {
        ByteBuf f = reply.frame();
        int start = f.readerIndex();
        int end = f.writerIndex() - 2; // every frame ends in CRLF
        String text = switch (reply.type()) {
            case SIMPLE_STRING, ERROR, INTEGER -> f.toString(start + 1, end - start - 1, StandardCharsets.UTF_8);
            case BULK_STRING -> {
                if (f.getByte(start + 1) == '-') {
                    yield null; // $-1
                }
                int body = f.indexOf(start, end, (byte) '\n') + 1;
                yield f.toString(body, end - body, StandardCharsets.UTF_8);
            }
            default -> null;
        };
        List<Answer> elements = new ArrayList<>();
        for (int i = 0; i < reply.elementCount(); i++) {
            Reply element = ReplyDecoder.decodeWhole(reply.element(i));
            try {
                elements.add(of(element));
            } finally {
                element.release();
            }
        }
        return new Answer(reply.type(), reply.isError(), text, elements);
    }

    /** The elements' texts, for an array of bulks ({@code [ip, port]}, a pub/sub message). */
    public List<String> texts() {
        return elements.stream().map(Answer::text).toList();
    }
}
