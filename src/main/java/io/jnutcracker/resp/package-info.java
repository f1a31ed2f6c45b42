/**
 * RESP framing for the proxy's hot path: the parsing half of nutcracker's proto/nc_redis.c.
 *
 * <ul>
 *   <li>{@link io.jnutcracker.resp.RequestDecoder} (client side, redis_parse_req) turns the client's
 *       byte stream into {@link io.jnutcracker.resp.Request}s, or one
 *       {@link io.jnutcracker.resp.RequestError} on a protocol error. It accepts what Redis accepts,
 *       including inline commands, and fails with Redis's error texts: clients were written
 *       against Redis, not against nutcracker, which rejects inline commands.</li>
 *   <li>{@link io.jnutcracker.resp.ReplyDecoder} (server side, redis_parse_rsp) turns a backend's
 *       byte stream into {@link io.jnutcracker.resp.Reply}s, or throws
 *       {@link io.jnutcracker.resp.ProtocolException}.</li>
 *   <li>{@link io.jnutcracker.resp.Resp} and {@link io.jnutcracker.resp.CannedReply} write what
 *       the proxy says itself (RSP_STRING, merged MGET replies, errors).</li>
 * </ul>
 *
 * <h2>Why zero copy</h2>
 * A proxy forwards nearly every request and reply unchanged, so the decoders only find frame
 * boundaries and argument positions; a frame is a retained slice of the read buffer, written on
 * to the other side as is. Nothing is copied, no per-argument object or String is created, and
 * the parse state survives TCP splits as a few ints (nutcracker does the same with its mbuf
 * chains and msg token pointers).
 *
 * <h2>Ownership of frames</h2>
 * <ul>
 *   <li>Every Request and Reply emitted by a decoder carries one reference, owned by whoever
 *       receives it. It must be released exactly once: by {@code release()}, or by writing
 *       {@code frame()} to a channel, which takes that reference over.</li>
 *   <li>Request and Reply implement {@link io.netty.util.ReferenceCounted} by delegating to the
 *       frame, so {@link io.netty.util.ReferenceCountUtil} and Netty's tail handler release them
 *       too. To forward a frame and still read the arguments or elements afterwards, call
 *       {@code retain()} before the write and {@code release()} when done.</li>
 *   <li>{@code arg(i)} and {@code element(i)} return views that share the frame's memory and
 *       count; they are not retained and are valid only while the frame is.</li>
 *   <li>A slice pins the whole read buffer it came from, so a frame parked for long (e.g. queued
 *       behind a slow server) keeps that buffer's memory alive: release promptly.</li>
 *   <li>{@link io.jnutcracker.resp.CannedReply#buffer()} returns a view of an unreleasable shared
 *       buffer: writing or releasing it is always safe. Buffers from
 *       {@link io.jnutcracker.resp.Resp#error} and {@link io.jnutcracker.resp.RequestError#reply}
 *       are new and owned by the caller.</li>
 * </ul>
 */
package io.jnutcracker.resp;
