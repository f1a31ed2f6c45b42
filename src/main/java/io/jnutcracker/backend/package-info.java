/**
 * Server connections (the server side of nutcracker's {@code nc_connection.c}, {@code nc_request.c}
 * and {@code nc_response.c}).
 *
 * <pre>
 *  ClientHandler --forward(frame, handler)--&gt; BackendConnection --write--&gt; server
 *                                                 |  InFlightQueue (FIFO)
 *  server --bytes--&gt; ReplyDecoder --Reply--&gt; BackendHandler --&gt; oldest ReplyHandler.onReply
 *                                          channelReadComplete --&gt; FlushBatch.flushAll (clients)
 * </pre>
 *
 * <p>Each pool has one {@link io.jnutcracker.backend.BackendGroup} per event loop, so a client and the
 * server connections that carry its requests share a thread: no locks, no hand-offs. A failed or
 * timed-out connection answers every request waiting on it with nutcracker's {@code -ERR} text
 * ({@link io.jnutcracker.backend.Errno}) and counts one failure of its server towards ejection.
 */
package io.jnutcracker.backend;
