package io.jnutcracker.route;

import io.jnutcracker.backend.CloseReason;
import io.jnutcracker.backend.ReplyHandler;
import io.jnutcracker.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** For the forwarder tests: records what the client would get, a reply's bytes or a failure's reason name. */
final class RecordingHandler implements ReplyHandler {
    private final List<String> outcome;

    RecordingHandler(List<String> outcome) {
        this.outcome = outcome;
    }

    @Override
    public void onReply(Reply reply) {
        outcome.add(reply.frame().toString(StandardCharsets.UTF_8));
        reply.release();
    }

    @Override
    public void onFailure(CloseReason reason) {
        outcome.add(reason.name());
    }
}
