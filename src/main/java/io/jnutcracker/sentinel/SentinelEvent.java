package io.jnutcracker.sentinel;

/**
 * One message a Sentinel publishes on the channels the watcher subscribes to ({@link #CHANNELS}),
 * reduced to what the watcher acts on: which master it concerns and which server it names. Formats
 * (Redis Sentinel documentation, "Pub/Sub messages"):
 * <pre>
 * +switch-master  &lt;master&gt; &lt;old-ip&gt; &lt;old-port&gt; &lt;new-ip&gt; &lt;new-port&gt;
 * +slave, +sdown, -sdown, +convert-to-slave:
 *                 &lt;type&gt; &lt;name&gt; &lt;ip&gt; &lt;port&gt; @ &lt;master&gt; &lt;master-ip&gt; &lt;master-port&gt;
 *                 (for an event about a master itself: master &lt;name&gt; &lt;ip&gt; &lt;port&gt;)
 * </pre>
 *
 * @param channel the channel, e.g. {@code +switch-master}
 * @param master the master the event concerns
 * @param address the server it names: the new master's {@code ip:port} for {@code +switch-master},
 *     else the instance's
 * @param aboutReplica whether the instance is a replica of {@code master} (not the master itself)
 */
record SentinelEvent(String channel, String master, String address, boolean aboutReplica) {
    static final String SWITCH_MASTER = "+switch-master";

    /** What the watcher subscribes to: a master moved, a replica appeared, went down or came back. */
    static final String[] CHANNELS = {SWITCH_MASTER, "+slave", "+sdown", "-sdown", "+convert-to-slave"};

    /** The event, or null for a message that does not parse (logged by the caller, never acted on). */
    static SentinelEvent parse(String channel, String payload) {
        String[] w = payload.trim().split(" +");
        if (SWITCH_MASTER.equals(channel)) {
            return w.length == 5 ? new SentinelEvent(channel, w[0], w[3] + ":" + w[4], false) : null;
        }
        if (w.length == 8 && "@".equals(w[4])) {
            return new SentinelEvent(channel, w[5], w[2] + ":" + w[3], "slave".equals(w[0]));
        }
        if (w.length == 4 && "master".equals(w[0])) {
            return new SentinelEvent(channel, w[1], w[2] + ":" + w[3], false);
        }
        return null;
    }

    boolean switchesMaster() {
        return SWITCH_MASTER.equals(channel);
    }
}
