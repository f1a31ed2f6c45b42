package io.jnutcracker.resp;

/**
 * The RESP type marker bytes, with a byte-indexed lookup for the decoders' hot path.
 *
 * <p>The RESP2 types are the ones nutcracker parses ({@code + - : $ *}); the RESP3 types are
 * tolerated by {@link ReplyDecoder} so a backend switched to RESP3 by a forwarded {@code HELLO 3}
 * does not tear the connection down. Attributes ({@code |}) and streamed strings ({@code $?}) are
 * not supported.
 */
public enum RespType {
    SIMPLE_STRING('+', Framing.LINE),
    ERROR('-', Framing.LINE),
    INTEGER(':', Framing.LINE),
    BULK_STRING('$', Framing.BULK),
    ARRAY('*', Framing.AGGREGATE),
    // RESP3
    NULL('_', Framing.LINE),
    BOOLEAN('#', Framing.LINE),
    DOUBLE(',', Framing.LINE),
    BIG_NUMBER('(', Framing.LINE),
    BULK_ERROR('!', Framing.BULK),
    VERBATIM_STRING('=', Framing.BULK),
    MAP('%', Framing.AGGREGATE),
    SET('~', Framing.AGGREGATE),
    PUSH('>', Framing.AGGREGATE);

    /** How a type's frame ends: at the first CRLF, after a length-prefixed payload, or after N children. */
    enum Framing { LINE, BULK, AGGREGATE }

    private static final RespType[] BY_MARKER = new RespType[128];

    static {
        for (RespType t : values()) {
            BY_MARKER[t.marker] = t;
        }
    }

    private final byte marker;
    private final Framing framing;

    RespType(char marker, Framing framing) {
        this.marker = (byte) marker;
        this.framing = framing;
    }

    /** The type for a marker byte, or {@code null} if the byte starts no RESP value. */
    public static RespType fromMarker(byte marker) {
        return marker >= 0 ? BY_MARKER[marker] : null;
    }

    public byte marker() {
        return marker;
    }

    /** True for arrays and the RESP3 map, set and push types. */
    public boolean isAggregate() {
        return framing == Framing.AGGREGATE;
    }

    Framing framing() {
        return framing;
    }

    /** Children per declared element: a map of N entries has 2N children (key, value, ...). */
    int childrenPerElement() {
        return this == MAP ? 2 : 1;
    }
}
