/**
 * jnutcracker: a drop-in Java replacement for twemproxy (nutcracker 0.5.0). {@link io.jnutcracker.Main}
 * parses the command line; {@link io.jnutcracker.Nutcracker} runs the event loops and one listener
 * per pool. See {@code docs/ARCHITECTURE.md} for the data path.
 */
package io.jnutcracker;
