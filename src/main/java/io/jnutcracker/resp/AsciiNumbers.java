package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;

/** Decimal integers in RESP headers, read and written in place: no String on the hot path. */
final class AsciiNumbers {
    /** Returned by {@link #parse} for text that is not a number. */
    static final long INVALID = Long.MIN_VALUE;

    private static final byte[] MIN_VALUE_TEXT = Long.toString(Long.MIN_VALUE).getBytes(Resp.CHARSET);

    private AsciiNumbers() {
    }

    /**
     * Parses the bytes at absolute indices [from, to) with the rules of Redis's {@code string2ll}
     * (util.c): an optional '-', then digits without leading zeros ("0" alone is fine, "-0", "01",
     * "+1", " 1" and "" are not), no overflow. Returns {@link #INVALID} otherwise. Long.MIN_VALUE
     * itself also reads as INVALID; callers that accept it (integer replies, multibulk counts)
     * check {@link #isMinValue}.
     */
    static long parse(ByteBuf buf, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 20) {
            return INVALID;
        }
        int i = from;
        boolean negative = buf.getByte(i) == '-';
        if (negative && ++i == to) {
            return INVALID;
        }
        if (buf.getByte(i) == '0') {
            return i + 1 == to && !negative ? 0 : INVALID;
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = buf.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** True if [from, to) is exactly "-9223372036854775808", the one valid number parse rejects. */
    static boolean isMinValue(ByteBuf buf, int from, int to) {
        if (to - from != MIN_VALUE_TEXT.length) {
            return false;
        }
        for (int i = 0; i < MIN_VALUE_TEXT.length; i++) {
            if (buf.getByte(from + i) != MIN_VALUE_TEXT[i]) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code value} in decimal. */
    static void write(ByteBuf out, long value) {
        if (value == Long.MIN_VALUE) {
            out.writeBytes(MIN_VALUE_TEXT);
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int digits = digits(value);
        out.ensureWritable(digits);
        int end = out.writerIndex() + digits;
        for (int i = end - 1; i >= out.writerIndex(); i--) {
            out.setByte(i, (int) ('0' + value % 10));
            value /= 10;
        }
        out.writerIndex(end);
    }

    /** Number of decimal digits of a non-negative value. */
    static int digits(long value) {
        int n = 1;
        while (value >= 10) {
            value /= 10;
            n++;
        }
        return n;
    }
}
