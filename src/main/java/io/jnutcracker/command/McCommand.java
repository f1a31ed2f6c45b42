package io.jnutcracker.command;

import io.jnutcracker.resp.Request;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The memcached ASCII command table: every command a memcached pool serves, nutcracker 0.5.0's
 * list ({@code proto/nc_memcache.c}, {@code notes/memcache.md}), with its line's shape and its
 * routing. {@code memcache.McRequestDecoder}, {@code docs/commands.md} and the tests all read this enum.
 * Names are matched case-sensitively, as memcached and nutcracker both do ({@code GET} is unknown).
 */
public enum McCommand implements CommandSpec {
    GET(Shape.KEYS, Routing.SPLIT_VALUES),
    GETS(Shape.KEYS, Routing.SPLIT_VALUES),
    SET(Shape.STORAGE, Routing.KEYS),
    ADD(Shape.STORAGE, Routing.KEYS),
    REPLACE(Shape.STORAGE, Routing.KEYS),
    APPEND(Shape.STORAGE, Routing.KEYS),
    PREPEND(Shape.STORAGE, Routing.KEYS),
    CAS(Shape.CAS, Routing.KEYS),
    DELETE(Shape.KEY, Routing.KEYS),
    INCR(Shape.KEY_NUMBER, Routing.KEYS),
    DECR(Shape.KEY_NUMBER, Routing.KEYS),
    TOUCH(Shape.KEY_NUMBER, Routing.KEYS),
    /** Keyless: nutcracker sends it to the server owning the literal key {@code placeholder}. */
    VERSION(Shape.NONE, Routing.PLACEHOLDER),
    /** Closes the connection once the replies already owed are out (nutcracker {@code msg->quit}). */
    QUIT(Shape.NONE, Routing.LOCAL);

    /** Longest key memcached and nutcracker accept, in bytes ({@code MEMCACHE_MAX_KEY_LENGTH}). */
    public static final int MAX_KEY_LENGTH = 250;
    private static final byte[] NOREPLY = "noreply".getBytes(StandardCharsets.US_ASCII);

    /** The arguments after the name, as memcached's tokenizer counts them. */
    public enum Shape {
        /** {@code get <key> [<key> ...]}: one or more keys; no noreply. */
        KEYS(1, false, "<key> [<key> ...]"),
        /** {@code set <key> <flags> <exptime> <bytes> [noreply]} then the data block. */
        STORAGE(4, true, "<key> <flags> <exptime> <bytes> [noreply] + data block"),
        /** {@code cas <key> <flags> <exptime> <bytes> <cas unique> [noreply]} then the data block. */
        CAS(5, true, "<key> <flags> <exptime> <bytes> <cas unique> [noreply] + data block"),
        /** {@code delete <key> [noreply]}. */
        KEY(1, true, "<key> [noreply]"),
        /** {@code incr <key> <delta> [noreply]}, {@code touch <key> <exptime> [noreply]}. */
        KEY_NUMBER(2, true, "<key> <number> [noreply]"),
        /** {@code version}, {@code quit}. */
        NONE(0, false, "none");

        /** Arguments after the name, noreply excluded (for KEYS: the least). */
        final int args;
        /** Whether a last {@code noreply} may follow them. */
        final boolean noreply;
        final String usage;

        Shape(int args, boolean noreply, String usage) {
            this.args = args;
            this.noreply = noreply;
            this.usage = usage;
        }

        /** Whether {@code argc} (name included) fits, as memcached's dispatch by token count does. */
        public boolean accepts(int argc) {
            if (this == KEYS) {
                return argc >= 2;
            }
            return argc == args + 1 || noreply && argc == args + 2;
        }

        /** Whether the line is followed by a data block whose length is argument 4. */
        public boolean hasData() {
            return this == STORAGE || this == CAS;
        }

        public String usage() {
            return usage;
        }
    }

    /** Argument holding the data block's length in bytes, for storage commands. */
    public static final int LENGTH_ARG = 4;

    private final Shape shape;
    private final Routing routing;
    private final byte[] lowerName;

    McCommand(Shape shape, Routing routing) {
        this.shape = shape;
        this.routing = routing;
        this.lowerName = name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    public Shape shape() {
        return shape;
    }

    /** The name as sent on the wire. */
    public String wireName() {
        return new String(lowerName, StandardCharsets.US_ASCII);
    }

    @Override
    public Routing routing() {
        return routing;
    }

    @Override
    public int keyArg() {
        return shape == Shape.NONE ? 0 : 1;
    }

    @Override
    public int keyStep() {
        return shape == Shape.KEYS ? 1 : 0;
    }

    @Override
    public boolean isRead() {
        return shape == Shape.KEYS;
    }

    /** The last argument is {@code noreply} where the shape allows one (memcached set_noreply_maybe). */
    @Override
    public boolean noreply(Request request) {
        int argc = request.argc();
        if (!shape.noreply || argc != shape.args + 2) {
            return false;
        }
        int last = argc - 1;
        if (request.argLength(last) != NOREPLY.length) {
            return false;
        }
        ByteBuf frame = request.frame();
        int offset = request.argOffset(last);
        for (int i = 0; i < NOREPLY.length; i++) {
            if (frame.getByte(offset + i) != NOREPLY[i]) {
                return false;
            }
        }
        return true;
    }

    /** The command named by {@code length} bytes at {@code index}, case-sensitive, or {@code null}. */
    public static McCommand lookup(ByteBuf buf, int index, int length) {
        for (McCommand c : VALUES) {
            if (c.lowerName.length == length && matches(c.lowerName, buf, index)) {
                return c;
            }
        }
        return null;
    }

    private static final McCommand[] VALUES = values();

    private static boolean matches(byte[] name, ByteBuf buf, int index) {
        for (int i = 0; i < name.length; i++) {
            if (buf.getByte(index + i) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
