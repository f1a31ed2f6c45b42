package io.jnutcracker.command;

/**
 * Argument-count rules, one per nutcracker {@code redis_arg*} class ({@code proto/nc_redis.c}).
 * {@code argc} counts the command name, as Redis does.
 */
public enum Arity {
    /** {@code redis_argz}: the command alone (PING, QUIT, COMMAND). */
    NONE,
    /** {@code redis_arg0}: exactly one key. */
    KEY,
    /** {@code redis_arg1}: a key and one argument. */
    KEY_1,
    /** {@code redis_arg2}: a key and two arguments. */
    KEY_2,
    /** {@code redis_arg3}: a key and three arguments. */
    KEY_3,
    /** {@code redis_argn}: a key and any number of arguments; Redis checks the rest itself. */
    KEY_N,
    /** {@code redis_argx}: one or more keys (MGET, DEL, UNLINK, TOUCH, EXISTS). */
    MULTI_KEY,
    /** {@code redis_argkvx}: one or more key/value pairs (MSET). */
    KEY_VALUES,
    /** {@code redis_argeval}: script, numkeys &gt;= 1, keys, args (EVAL, EVALSHA). */
    EVAL_KEYS,
    /** {@code redis_nokey}: anything (LOLWUT). */
    ANY,
    /** At least one argument after the name (SELECT, AUTH, and the like answered locally). */
    ONE_OR_MORE;

    /** Whether {@code argc} (name included) fits this rule. */
    public boolean accepts(int argc) {
        return switch (this) {
            case NONE -> argc == 1;
            case KEY -> argc == 2;
            case KEY_1 -> argc == 3;
            case KEY_2 -> argc == 4;
            case KEY_3 -> argc == 5;
            case KEY_N, MULTI_KEY, ONE_OR_MORE -> argc >= 2;
            case KEY_VALUES -> argc >= 3 && argc % 2 == 1;
            case EVAL_KEYS -> argc >= 4;
            case ANY -> argc >= 1;
        };
    }
}
