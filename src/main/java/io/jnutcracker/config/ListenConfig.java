package io.jnutcracker.config;

/**
 * A pool's {@code listen:} value: {@code host:port} or {@code /path [octal-perm]}.
 *
 * @param raw the value as written (nutcracker compares listens for duplicates on this text)
 * @param host host or address for TCP; {@code null} for a unix socket
 * @param port 1..65535 for TCP; 0 for a unix socket
 * @param unixPath socket path, or {@code null}
 * @param permission chmod bits for the socket file, 0 for none
 */
public record ListenConfig(String raw, String host, int port, String unixPath, int permission) {

    public boolean isUnix() {
        return unixPath != null;
    }
}
