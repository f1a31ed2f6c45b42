package io.jnutcracker.config;

import java.net.UnknownHostException;
import java.util.OptionalLong;

/** {@code listen:} values, parsed as nutcracker's {@code conf_set_listen} does. */
final class ListenParser {
    /** {@code sizeof(struct sockaddr_un.sun_path)} on Linux; nutcracker refuses paths that do not fit. */
    static final int SUN_PATH_SIZE = 108;

    private ListenParser() {
    }

    static ListenConfig parse(String value) throws InvalidValue {
        return value.charAt(0) == '/' ? unix(value) : tcp(value);
    }

    /**
     * {@code /path [perm]}: the last space splits off the permission, read by
     * {@code strtol(perm, NULL, 8)} and cast to {@code mode_t}, so bad digits leave the parsed prefix
     * ({@code 999} gives 0, i.e. no chmod [run]) and only ERANGE or a result above 0777 is an error.
     */
    private static ListenConfig unix(String value) throws InvalidValue {
        int space = value.lastIndexOf(' ');
        String path = space < 0 ? value : value.substring(0, space);
        int perm = 0;
        if (space >= 0) {
            OptionalLong parsed = NcNumbers.strtolOctal(value.substring(space + 1));
            perm = (int) parsed.orElse(0); // (mode_t) cast: the low 32 bits
            if (parsed.isEmpty() || Integer.compareUnsigned(perm, 0777) > 0) {
                throw new InvalidValue(
                        "has an invalid file permission in \"socket_path permission\" format string");
            }
        }
        if (NcStrings.byteLength(path) >= SUN_PATH_SIZE) {
            // nc_resolve_unix fails, which conf_set_listen reports as CONF_ERROR
            throw new InvalidValue("has an invalid value");
        }
        return new ListenConfig(value, null, 0, path, perm);
    }

    /** {@code host:port}, split at the last ':' so a bare IPv6 address works ({@code ::1:22121}). */
    private static ListenConfig tcp(String value) throws InvalidValue {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidValue("has an invalid \"hostname:port\" format string");
        }
        int port = NcNumbers.atoi(value.substring(colon + 1));
        if (port < 0 || !NcNumbers.validPort(port)) {
            throw new InvalidValue("has an invalid port in \"hostname:port\" format string");
        }
        String host = value.substring(0, colon);
        try {
            HostLookup.resolve(host, port);
        } catch (UnknownHostException e) {
            throw new InvalidValue("has an invalid value", e);
        }
        return new ListenConfig(value, host, port, null, 0);
    }
}
