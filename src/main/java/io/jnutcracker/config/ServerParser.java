package io.jnutcracker.config;

/**
 * {@code servers:} entries, parsed from the right exactly as nutcracker's {@code conf_add_server}:
 * {@code host:port:weight [name]} or {@code /path/unix_socket:weight [name]}.
 */
final class ServerParser {
    /** What nutcracker's {@code char delim[] = " ::"} searches for, its terminating NUL included. */
    private static final char[] DELIMS = {' ', ':', ':', '\0'};

    /** libmemcached compatibility: with this port the ketama name is the host alone. */
    static final int KETAMA_DEFAULT_PORT = 11211;

    private static final String FORMAT = "\"hostname:port:weight [name]\"";

    private ServerParser() {
    }

    /**
     * Each delimiter is searched leftwards from where the previous one was found: the last ' ' splits
     * off an optional name (so a name holds no space, and extra spaces spoil the weight), the last ':'
     * the weight, then for TCP the next ':' the port; whatever is left is the host, colons and all
     * ({@code ::1:6379:1}). A unix path must therefore contain no ':'.
     */
    static ServerConfig parse(String value, int line) throws InvalidValue {
        boolean unix = value.charAt(0) == '/';
        int needed = unix ? 2 : 3;
        String name = null;
        String weight = null;
        String port = "";
        int end = value.length() - 1; // inclusive end of the part still to split
        int k;
        for (k = 0; k < DELIMS.length; k++) {
            int q = end < 0 ? -1 : value.lastIndexOf(DELIMS[k], end);
            if (q < 0) {
                if (k == 0) {
                    continue; // the name is optional
                }
                break;
            }
            String piece = value.substring(q + 1, end + 1);
            switch (k) {
                case 0 -> name = piece;
                case 1 -> weight = piece;
                case 2 -> port = piece;
                default -> { } // an embedded NUL: nutcracker's NOT_REACHED() is a no-op in release builds
            }
            end = q - 1;
        }
        if (k != needed) {
            throw new InvalidValue("has an invalid " + FORMAT + "or \"/path/unix_socket:weight [name]\""
                    + " format string"); // sic: no space before "or", as nutcracker logs it
        }
        String pname = name != null && !name.isEmpty()
                ? value.substring(0, value.length() - name.length() - 1) : value;
        String addr = value.substring(0, end + 1);

        int w = NcNumbers.atoi(weight);
        if (w < 0) {
            throw new InvalidValue("has an invalid weight in " + FORMAT + " format string");
        } else if (w == 0) {
            throw new InvalidValue("has a zero weight in " + FORMAT + " format string");
        }
        int p = 0;
        if (!unix) {
            p = NcNumbers.atoi(port);
            if (p < 0 || !NcNumbers.validPort(p)) {
                throw new InvalidValue("has an invalid port in " + FORMAT + " format string");
            }
        }
        if (name == null) {
            // "host:port" as written, "host" for 11211, "/path:" (trailing colon kept) for a unix socket
            name = p == KETAMA_DEFAULT_PORT ? addr : value.substring(0, addr.length() + 1 + port.length());
        }
        return unix ? new ServerConfig(pname, name, null, 0, addr, w, line)
                : new ServerConfig(pname, name, addr, p, null, w, line);
    }
}
