/**
 * The command table (nutcracker's {@code MSG_TYPE_CODEC} and the {@code redis_arg*} classifiers of
 * {@code proto/nc_redis.c}): which commands the proxy serves, how many arguments each takes, where
 * its keys are and whether it is forwarded, split, answered locally or refused.
 *
 * <p>Everything that varies per command lives in {@link io.jnutcracker.command.Command}, so the
 * request path, the generated {@code docs/commands.md} and the tests read one table.
 */
package io.jnutcracker.command;
