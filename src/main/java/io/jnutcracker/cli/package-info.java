/**
 * The command line (nutcracker's {@code nc.c}): the proxy with nutcracker's flags and defaults, plus
 * subcommands ({@code route}, {@code check}, {@code lab}); logging set up from {@code -v}/{@code -o}; pid file; signals.
 */
package io.jnutcracker.cli;
