/**
 * Pools, placement at run time, ejection, and multi-key fragment/coalesce (nutcracker's
 * {@code nc_server.c} and the {@code redis_fragment}/{@code redis_coalesce} half of
 * {@code proto/nc_redis.c}).
 *
 * <p>A {@link io.jnutcracker.route.Msg} is one client request awaiting its reply: forwarded whole
 * ({@link io.jnutcracker.route.ForwardedMsg}), split by server ({@link io.jnutcracker.route.Fragmenter},
 * merged by {@link io.jnutcracker.route.Coalescer}), or answered locally.
 */
package io.jnutcracker.route;
