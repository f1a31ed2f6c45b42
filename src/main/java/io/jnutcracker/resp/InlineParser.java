package io.jnutcracker.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;

/**
 * Splits an inline command line into arguments with the rules of Redis's {@code sdssplitargs}
 * (sds.c), then encodes them as a RESP multibulk so the rest of the proxy sees one format.
 *
 * <p>Rules matched: arguments are separated by spaces, tabs, CR and LF (leading blanks may also
 * be VT or FF); "double quotes" accept the escapes \n \r \t \b \a \xHH and backslash-anything;
 * 'single quotes' accept only \'; a closing quote must be followed by a blank or the end of the
 * line; quotes may start in the middle of an argument ({@code a"b c"} is {@code ab c}). Because
 * sdssplitargs reads a C string, a NUL byte ends the line: text after it is ignored, and a quote
 * still open there is unbalanced.
 *
 * <p>One parser per decoder. The line is copied once into a reused scratch array and split in
 * place (an argument never takes more bytes than the text it came from), so only the resulting
 * frame and its span array are allocated.
 */
final class InlineParser {
    /** Returned by {@link #split} for unbalanced quotes. */
    static final int UNBALANCED = -1;

    private static final int SCRATCH_KEEP = 4096;

    /** The line, then (in place, from index 0) the arguments' bytes back to back. */
    private byte[] bytes = new byte[64];
    private int end;
    private int length;
    private int[] spans = new int[16];
    private int argc;

    /** Splits the line at absolute indices [from, to); returns the argument count or UNBALANCED. */
    int split(ByteBuf buf, int from, int to) {
        end = to - from;
        if (bytes.length < end) {
            bytes = new byte[end];
        }
        buf.getBytes(from, bytes, 0, end);
        argc = 0;
        length = 0;
        int result = splitLine(0);
        if (result <= 0) {
            shrink();
        }
        return result;
    }

    private int splitLine(int p) {
        for (;;) {
            while (isSpace(at(p))) {
                p++;
            }
            if (at(p) == 0) {
                return argc;
            }
            startArg();
            boolean inDouble = false;
            boolean inSingle = false;
            for (boolean done = false; !done; ) {
                int c = at(p);
                if (inDouble) {
                    if (c == '\\' && at(p + 1) == 'x' && isHex(at(p + 2)) && isHex(at(p + 3))) {
                        append(hex(at(p + 2)) * 16 + hex(at(p + 3)));
                        p += 3;
                    } else if (c == '\\' && at(p + 1) != 0) {
                        p++;
                        append(unescape(at(p)));
                    } else if (c == '"') {
                        if (at(p + 1) != 0 && !isSpace(at(p + 1))) {
                            return UNBALANCED;
                        }
                        done = true;
                    } else if (c == 0) {
                        return UNBALANCED;
                    } else {
                        append(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && at(p + 1) == '\'') {
                        p++;
                        append('\'');
                    } else if (c == '\'') {
                        if (at(p + 1) != 0 && !isSpace(at(p + 1))) {
                            return UNBALANCED;
                        }
                        done = true;
                    } else if (c == 0) {
                        return UNBALANCED;
                    } else {
                        append(c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> append(c);
                    }
                }
                // sdssplitargs steps past the current char unless it is the terminator.
                if (at(p) != 0) {
                    p++;
                }
            }
            endArg();
        }
    }

    /** Encodes the last split arguments (argc > 0) as a new RESP multibulk frame. */
    Request toRequest(ByteBufAllocator alloc) {
        ByteBuf frame = alloc.buffer(length + 16 * argc + 16);
        int[] offsets = new int[2 * argc];
        Resp.writeArrayHeader(frame, argc);
        for (int i = 0; i < argc; i++) {
            int start = spans[2 * i];
            int len = spans[2 * i + 1];
            Resp.writeBulkHeader(frame, len);
            offsets[2 * i] = frame.writerIndex();
            offsets[2 * i + 1] = len;
            frame.writeBytes(bytes, start, len);
            Resp.writeCrlf(frame);
        }
        shrink();
        return new Request(frame, argc, offsets);
    }

    /** Lines are up to 64 KB: do not keep that much per idle connection after a long one. */
    private void shrink() {
        if (bytes.length > SCRATCH_KEEP) {
            bytes = new byte[64];
        }
    }

    /** The byte at p as 0..255, or 0 (the C terminator) past the end of the line. */
    private int at(int p) {
        return p < end ? bytes[p] & 0xFF : 0;
    }

    private void startArg() {
        if (2 * argc + 2 > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[2 * argc] = length;
    }

    private void endArg() {
        spans[2 * argc + 1] = length - spans[2 * argc];
        argc++;
    }

    /** Safe in place: every appended byte consumed at least one line byte at or before p. */
    private void append(int b) {
        bytes[length++] = (byte) b;
    }

    /** C isspace() in the "C" locale. */
    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(int c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }
}
