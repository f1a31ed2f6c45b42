package io.jnutcracker.command;

import io.netty.buffer.ByteBuf;

/**
 * Case-insensitive, allocation-free lookup of a {@link Command} from the name bytes of a request
 * (nutcracker matches names with {@code str*icmp} ladders in {@code redis_parse_req}; this is one
 * open-addressing table built once from the enum).
 */
public final class CommandTable {
    private static final int LONGEST = longestName();
    private static final Command[] SLOTS = buildSlots();

    private CommandTable() {
    }

    /** The command named by {@code length} bytes at absolute {@code index}, or {@code null}. */
    public static Command lookup(ByteBuf buf, int index, int length) {
        if (length == 0 || length > LONGEST) {
            return null;
        }
        int mask = SLOTS.length - 1;
        for (int slot = hash(buf, index, length) & mask; ; slot = (slot + 1) & mask) {
            Command candidate = SLOTS[slot];
            if (candidate == null) {
                return null;
            }
            if (matches(candidate.upperName(), buf, index, length)) {
                return candidate;
            }
        }
    }

    private static boolean matches(byte[] upper, ByteBuf buf, int index, int length) {
        if (upper.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (upper[i] != toUpper(buf.getByte(index + i))) {
                return false;
            }
        }
        return true;
    }

    private static byte toUpper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }

    private static int hash(ByteBuf buf, int index, int length) {
        int h = length;
        for (int i = 0; i < length; i++) {
            h = 31 * h + toUpper(buf.getByte(index + i));
        }
        return h ^ (h >>> 16);
    }

    private static int hash(byte[] upper) {
        int h = upper.length;
        for (byte b : upper) {
            h = 31 * h + b;
        }
        return h ^ (h >>> 16);
    }

    private static Command[] buildSlots() {
        // Load factor under 0.25 keeps probes short.
        Command[] slots = new Command[Integer.highestOneBit(Command.values().length * 4) * 2];
        int mask = slots.length - 1;
        for (Command c : Command.values()) {
            int slot = hash(c.upperName()) & mask;
            while (slots[slot] != null) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = c;
        }
        return slots;
    }

    private static int longestName() {
        int longest = 0;
        for (Command c : Command.values()) {
            longest = Math.max(longest, c.name().length());
        }
        return longest;
    }
}
