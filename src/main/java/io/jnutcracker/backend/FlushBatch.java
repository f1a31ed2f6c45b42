package io.jnutcracker.backend;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * Channels written to without a flush during one read batch of one event loop; flushed once when
 * the batch ends ({@code channelReadComplete}). This is how many replies read from a server in one
 * go reach each client in one {@code writev}, instead of one syscall per reply. Loop-confined.
 */
public final class FlushBatch {
    private final List<Channel> pending = new ArrayList<>();

    /** Marks {@code channel} for the next {@link #flushAll()}; duplicates are harmless. */
    public void add(Channel channel) {
        if (pending.isEmpty() || pending.get(pending.size() - 1) != channel) {
            pending.add(channel);
        }
    }

    public void flushAll() {
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).flush();
        }
        pending.clear();
    }
}
