package io.jnutcracker.topology;

/**
 * One {@code slaveN:} line of a master's {@code INFO replication}:
 * {@code ip=127.0.0.1,port=7403,state=online,offset=114,lag=1}.
 *
 * <p>{@code ip} is the address the replica connected from, or its {@code replica-announce-ip}: on a
 * host with several addresses it need not be the one the replica listens on. {@code port} is the
 * replica's listening port as it announced it.
 *
 * @param offset replication offset the replica last acknowledged; -1 when absent
 * @param lagSeconds seconds since the replica's last acknowledgement; -1 when absent
 */
public record ReplicaLine(String ip, int port, String state, long offset, long lagSeconds) {

    /** Parses the value after {@code slaveN:}; unknown fields are ignored, missing ones are -1/"". */
    static ReplicaLine parse(String value) {
        String ip = "";
        String state = "";
        int port = -1;
        long offset = -1;
        long lag = -1;
        for (String field : value.split(",")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = field.substring(eq + 1);
            switch (field.substring(0, eq)) {
                case "ip" -> ip = v;
                case "port" -> port = (int) InfoNumbers.parse(v);
                case "state" -> state = v;
                case "offset" -> offset = InfoNumbers.parse(v);
                case "lag" -> lag = InfoNumbers.parse(v);
                default -> {
                    // fields a later redis adds
                }
            }
        }
        return new ReplicaLine(ip, port, state, offset, lag);
    }

    public boolean online() {
        return "online".equals(state);
    }
}
