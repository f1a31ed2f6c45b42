/**
 * The client side (nutcracker's {@code nc_proxy.c}, {@code nc_client.c} and the request half of
 * {@code nc_request.c}): a listener per pool, and per client connection the decoder, the dispatch
 * through the command table and auth gate, and the ordered queue that writes replies in request
 * order ({@link io.jnutcracker.client.ClientSession}).
 *
 * <p>Where nutcracker closes a client without a word (unknown or unsupported command, wrong argument
 * count, QUIT, SELECT, inline commands), this package answers as Redis would and keeps the
 * connection, except after QUIT and after a protocol error, where Redis closes too.
 */
package io.jnutcracker.client;
