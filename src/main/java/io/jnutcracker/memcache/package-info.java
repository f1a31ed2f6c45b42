/**
 * memcached text-protocol framing for memcached pools: the parsing half of nutcracker's
 * proto/nc_memcache.c. {@link io.jnutcracker.memcache.McRequestDecoder} and
 * {@link io.jnutcracker.memcache.McReplyDecoder} emit the same {@code resp.Request} and
 * {@code resp.Reply} as the RESP decoders (retained slices, or chains of them: a value is never
 * copied), so everything above them is shared; the command table is {@code command.McCommand}.
 */
package io.jnutcracker.memcache;
