package io.jnutcracker.resp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The fuzz tests' oracle for {@link ReplyDecoder}: a recursive-descent parser of a whole input held
 * in memory, written from the RESP2/RESP3 grammar and the limits ReplyDecoder documents (numbers
 * as string2ll reads them, length and count lines within 64 KB, CRLF checked everywhere, frames
 * below 2 GB).
 *
 * <p>It answers what the decoder must deliver for that input however it is cut: each complete
 * reply described as {@link ReplyDecoderTest#describe} describes one, then either the
 * ProtocolException's message (raised once, nothing delivered after it, nothing left buffered) or,
 * if the input ends inside a reply, the number of bytes of that reply left buffered.
 */
final class ReplyModel {
    record Outcome(List<String> replies, String error, int buffered) {
    }

    /** Longest length, count or integer line, type byte included, CR excluded. */
    static final int HEADER_LIMIT = 64 * 1024 - 1;
    private static final long MAX_FRAME = Integer.MAX_VALUE - 8;

    private final byte[] b;
    private final int n;
    /** Start of the top-level reply being parsed. */
    private int top;

    private ReplyModel(byte[] input) {
        this.b = input;
        this.n = input.length;
    }

    static Outcome parse(byte[] input) {
        return new ReplyModel(input).parse();
    }

    private static final class Incomplete extends Exception {
        Incomplete() {
            super(null, null, false, false);
        }
    }

    private static final class Broken extends Exception {
        Broken(String message) {
            super(message, null, false, false);
        }
    }

    /** One parsed value: where it ends and what a top-level Reply would say of it. */
    private record Value(RespType type, int end, long count, long integer, List<Integer> children) {
    }

    private Outcome parse() {
        List<String> replies = new ArrayList<>();
        while (top < n) {
            try {
                Value v = value(top);
                replies.add(describe(v));
                top = v.end;
            } catch (Incomplete e) {
                return new Outcome(replies, null, n - top);
            } catch (Broken e) {
                return new Outcome(replies, e.getMessage(), 0);
            }
        }
        return new Outcome(replies, null, 0);
    }

    private static RespType typeOf(int c) {
        return switch (c) {
            case '+' -> RespType.SIMPLE_STRING;
            case '-' -> RespType.ERROR;
            case ':' -> RespType.INTEGER;
            case '$' -> RespType.BULK_STRING;
            case '*' -> RespType.ARRAY;
            case '_' -> RespType.NULL;
            case '#' -> RespType.BOOLEAN;
            case ',' -> RespType.DOUBLE;
            case '(' -> RespType.BIG_NUMBER;
            case '!' -> RespType.BULK_ERROR;
            case '=' -> RespType.VERBATIM_STRING;
            case '%' -> RespType.MAP;
            case '~' -> RespType.SET;
            case '>' -> RespType.PUSH;
            default -> null;
        };
    }

    private Value value(int p) throws Incomplete, Broken {
        if (p >= n) {
            throw new Incomplete();
        }
        RespType t = typeOf(b[p] & 0xFF);
        if (t == null) {
            throw new Broken(String.format("unknown reply type byte 0x%02x", b[p] & 0xFF));
        }
        boolean lengthLine = switch (t) {
            case INTEGER, BULK_STRING, BULK_ERROR, VERBATIM_STRING, ARRAY, MAP, SET, PUSH -> true;
            default -> false;
        };
        int cr = p + 1;
        while (cr < n && b[cr] != '\r') {
            cr++;
        }
        if (lengthLine && cr - p > HEADER_LIMIT) {
            // no CR among the type byte and the next 65535 bytes
            if (n - p > HEADER_LIMIT) {
                throw new Broken("reply header line too long");
            }
            throw new Incomplete();
        }
        if (cr + 1 >= n) {
            throw new Incomplete();
        }
        if (b[cr + 1] != '\n') {
            throw new Broken("CR not followed by LF in reply");
        }
        BigInteger number = RequestModel.number(b, p + 1, cr);
        int next = cr + 2;
        switch (t) {
            case INTEGER:
                if (number == null) {
                    throw new Broken("invalid integer reply");
                }
                return new Value(t, next, 0, number.longValue(), null);
            case BULK_STRING:
            case BULK_ERROR:
            case VERBATIM_STRING: {
                if (number != null && number.longValue() == -1 && t == RespType.BULK_STRING) {
                    return new Value(t, next, -1, 0, null);
                }
                if (number == null || number.signum() < 0
                        || BigInteger.valueOf(next - top + 2L).add(number).compareTo(BigInteger.valueOf(MAX_FRAME)) > 0) {
                    throw new Broken("invalid bulk length in reply");
                }
                int len = number.intValue();
                if ((long) next + len + 2 > n) {
                    throw new Incomplete();
                }
                if (b[next + len] != '\r' || b[next + len + 1] != '\n') {
                    throw new Broken("bulk payload not followed by CRLF in reply");
                }
                return new Value(t, next + len + 2, len, 0, null);
            }
            case ARRAY:
            case MAP:
            case SET:
            case PUSH: {
                BigInteger children = number == null ? null
                        : number.multiply(BigInteger.valueOf(t == RespType.MAP ? 2 : 1));
                if (children == null || number.compareTo(BigInteger.ONE.negate()) < 0
                        || children.compareTo(BigInteger.valueOf(Integer.MAX_VALUE - 1)) > 0) {
                    throw new Broken("invalid multibulk length in reply");
                }
                if (number.signum() <= 0) {
                    return new Value(t, next, number.longValue(), 0, List.of());
                }
                List<Integer> starts = new ArrayList<>();
                int q = next;
                for (long i = 0; i < children.longValue(); i++) {
                    starts.add(q);
                    q = value(q).end;
                }
                starts.add(q);
                return new Value(t, q, children.longValue(), 0, starts);
            }
            default: // a line: status, error and the RESP3 scalars, content unchecked
                return new Value(t, next, 0, 0, null);
        }
    }

    /** The same text ReplyDecoderTest.describe gives for the Reply of a top-level value. */
    private String describe(Value v) {
        StringBuilder sb = new StringBuilder(v.type.name()).append(' ').append(text(top, v.end));
        boolean aggregate = v.type.isAggregate();
        if (v.type == RespType.NULL || v.count == -1 && (v.type == RespType.BULK_STRING || aggregate)) {
            sb.append(" null");
        }
        if (aggregate) {
            sb.append(" count=").append(v.count);
            if (v.count >= 0) {
                List<String> elements = new ArrayList<>();
                for (int i = 0; i + 1 < v.children.size(); i++) {
                    elements.add(text(v.children.get(i), v.children.get(i + 1)));
                }
                sb.append(' ').append(elements);
            }
        }
        if (v.type == RespType.INTEGER) {
            sb.append(" =").append(v.integer);
        }
        return sb.toString();
    }

    private String text(int from, int to) {
        return new String(b, from, to - from, Resp.CHARSET);
    }
}
