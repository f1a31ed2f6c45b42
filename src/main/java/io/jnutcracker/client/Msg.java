package io.jnutcracker.client;

import io.netty.buffer.ByteBuf;

/**
 * One client request awaiting its reply (nutcracker's request {@code struct msg} with its paired
 * response). A client keeps its msgs in arrival order and writes a reply only when every earlier
 * one has been written: the {@code req_done} rule that keeps replies in request order whichever
 * server answers first.
 */
abstract class Msg {
    /** Told when a msg gets its reply; loop-confined like the msg. */
    interface Owner {
        void msgDone(Msg msg);
    }

    private final Owner owner;
    private ByteBuf reply;
    private boolean closeAfter;

    protected Msg(Owner owner) {
        this.owner = owner;
    }

    /**
     * A msg answered by the proxy itself, already done; its owner hears of it when it is queued
     * (so the owner is told of every msg exactly once).
     */
    static Msg local(Owner owner, ByteBuf reply) {
        Msg msg = new Msg(owner) {
        };
        msg.reply = reply;
        return msg;
    }

    final boolean isDone() {
        return reply != null;
    }

    /** Size of the reply in bytes; only when done. */
    final int replyBytes() {
        return reply.readableBytes();
    }

    /** Hands over the reply (the caller now owns it); only once, only when done. */
    final ByteBuf takeReply() {
        ByteBuf r = reply;
        reply = null;
        return r;
    }

    /** Whether the client connection closes once this reply is written (QUIT, protocol error). */
    final boolean closeAfter() {
        return closeAfter;
    }

    final Msg closingConnection() {
        closeAfter = true;
        return this;
    }

    /** Sets the reply (ownership passes here) and tells the owner. */
    protected final void done(ByteBuf reply) {
        this.reply = reply;
        owner.msgDone(this);
    }
}
