/**
 * The command table (nutcracker's {@code MSG_TYPE_CODEC} and the {@code redis_arg*} classifiers of
 * {@code proto/nc_redis.c}): which commands the proxy serves, how many arguments each takes, where
 * its keys are and whether it is forwarded, split, answered locally or refused.
 *
 * <p>Everything that varies per command lives in one table, {@code commands.tsv} beside
 * {@link io.jnutcracker.command.CommandTable}: Redis's own metadata (arity, flags, key specs),
 * recorded from a real redis-server by {@code tools/commands/record.py}, and the proxy's columns
 * (route, nutcracker). The request path, the generated {@code docs/commands.md} and the tests read it.
 */
package io.jnutcracker.command;
