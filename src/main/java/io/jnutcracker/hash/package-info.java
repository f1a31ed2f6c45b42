/**
 * Key placement, bit-exact with nutcracker 0.5.0's {@code src/hashkit} and the placement half of
 * {@code src/nc_server.c}.
 *
 * <pre>
 *   key bytes (ByteBuf view, not copied)
 *     -> HashTag.range          server_pool_idx: hash only the tagged part, if a hash_tag is set
 *     -> HashFunction.hash      server_pool_hash: one of the 12 nc_*.c hashes (0 for an empty key)
 *     -> Continuum.dispatch     ketama_dispatch / modula_dispatch / random_dispatch
 *     -> server index           the server's rank in the pool's sorted server list
 *   KeyPlacer composes the three; Distribution builds the Continuum from the live servers.
 * </pre>
 *
 * <p>A drop-in replacement must send every key to the server nutcracker would, or data already
 * stored becomes unreachable. So the hashes copy nutcracker's accidents, not the textbook
 * algorithms: x86-64 {@code char} is signed, so several hashes sign-extend bytes &gt;= 0x80
 * (one_at_a_time, the four fnv, hsieh's 3-byte tail); {@code fnv1a_64} is really 32-bit;
 * {@code crc32} keeps 15 bits; {@code crc16} is never cut to 16 bits; ketama counts points in
 * single-precision float and can give a server none. Each class names the quirk it matches. Hash
 * values are unsigned 32-bit numbers carried in {@code int}, so every comparison and modulus here
 * is unsigned.
 *
 * <p>Everything is immutable, and hashing a ByteBuf allocates nothing (md5 included).
 */
package io.jnutcracker.hash;
