/**
 * TLS for the {@code jn_tls_*} keys (nutcracker has none): the contexts built from a pool's
 * {@link io.jnutcracker.config.TlsConfig}, and the handlers put first in listener and server
 * pipelines, below the RESP decoders, which see plain bytes as before. Depends on {@code config}
 * and Netty only; {@code client}, {@code backend} and {@code topology} use it.
 */
package io.jnutcracker.tls;
