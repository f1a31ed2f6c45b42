package io.jnutcracker.client;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.resp.Reply;
import io.netty.buffer.ByteBuf;

/**
 * One SUBSCRIBE-like request of a subscribed client: done once every server it went to has
 * confirmed, with the confirmations the proxy counted for the client ({@link Subscription}). A server
 * that fails to confirm leaves the reply as it is; the subscription then closes the client.
 */
final class Acks extends Msg implements ReplyHandler {
    private final ByteBuf reply;
    private int expected;
    private boolean sent;

    Acks(Owner owner, ByteBuf reply) {
        super(owner);
        this.reply = reply;
    }

    /** One more confirmation to wait for. */
    void expect() {
        expected++;
    }

    /** Every request is out: done now if none needs confirming. */
    void sent() {
        sent = true;
        completeIfConfirmed();
    }

    @Override
    public void onReply(Reply confirmation) {
        confirmation.release(); // its count is the server's, not the client's
        expected--;
        completeIfConfirmed();
    }

    @Override
    public void onFailure(CloseReason reason) {
        expected--;
        completeIfConfirmed();
    }

    private void completeIfConfirmed() {
        if (sent && expected == 0 && !isDone()) {
            done(reply);
        }
    }
}
