package io.jnutcracker.resp;

import io.netty.handler.codec.DecoderException;

/**
 * A backend sent bytes that are not a RESP reply. The stream cannot be resynchronised, so the
 * backend connection must be closed (nutcracker closes a server connection on a parse error too).
 */
public final class ProtocolException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
