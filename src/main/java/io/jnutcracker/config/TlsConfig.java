package io.jnutcracker.config;

/**
 * A pool's TLS (the {@code jn_tls_*} keys; nutcracker has none): towards its clients, towards its
 * servers, or both. Checked at load ({@link TlsResolver}); the contexts are built by
 * {@code io.jnutcracker.tls}.
 *
 * @param listen how the pool's listener speaks TLS to clients, or null for plain
 * @param servers how the pool connects to its servers with TLS, or null for plain
 */
public record TlsConfig(Listen listen, Servers servers) {

    /**
     * @param cert {@code jn_tls_cert}: the proxy's certificate chain, leaf first
     * @param key {@code jn_tls_key}: its private key
     * @param clientCa {@code jn_tls_client_ca}: when set, a client must present a certificate this CA
     *     signed, or the handshake fails; null asks for none
     */
    public record Listen(PemFile cert, PemFile key, PemFile clientCa) {
    }

    /**
     * @param ca {@code jn_tls_server_ca}: the CA the servers' certificates must chain to; null for the
     *     JDK's default trust store
     * @param cert {@code jn_tls_server_cert}: the proxy's client certificate, or null for none
     * @param key {@code jn_tls_server_key}: its key, or null
     * @param name {@code jn_tls_server_name}: the name sent as SNI and checked against each server's
     *     certificate; null for each server's own host
     * @param verify {@code jn_tls_server_verify}
     */
    public record Servers(PemFile ca, PemFile cert, PemFile key, String name, Verify verify) {
    }

    /** What the proxy checks of a server's certificate ({@code jn_tls_server_verify}). */
    public enum Verify {
        /** The chain to the CA and the name (SNI name, else the server's host, in the SANs). */
        FULL,
        /** The chain only: for servers addressed by a name or address their certificate lacks. */
        CHAIN,
        /** Nothing: the link is encrypted but anyone can pose as the server (logged at start). */
        NONE;

        static Verify byName(String value) {
            for (Verify v : values()) {
                if (value.equals(v.name().toLowerCase(java.util.Locale.ROOT))) {
                    return v;
                }
            }
            return null; // case-sensitive, as every nutcracker value
        }
    }
}
