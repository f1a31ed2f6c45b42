package io.jnutcracker.command;

import static io.jnutcracker.command.Arity.*;
import static io.jnutcracker.command.Routing.*;
import static io.jnutcracker.command.Unsupported.*;

/**
 * The command table: every command the proxy recognises, with its argument rule and routing.
 * The first group is nutcracker 0.5.0's 137 supported Redis commands ({@code MSG_TYPE_CODEC} and
 * {@code redis_arg*} in {@code proto/nc_redis.c}); the parser, {@code docs/commands.md} and the
 * tests all read this enum. Where nutcracker closes the connection without a word (unsupported
 * commands, MOVE, SELECT, QUIT), the entries below say what jnutcracker answers instead.
 */
public enum Command {
    // ---- nutcracker 0.5.0: forwarded to the server owning the first key ----
    // KEY
    PERSIST(KEY, FIRST_KEY),
    PTTL(KEY, FIRST_KEY),
    TTL(KEY, FIRST_KEY),
    TYPE(KEY, FIRST_KEY),
    DUMP(KEY, FIRST_KEY),
    DECR(KEY, FIRST_KEY),
    GET(KEY, FIRST_KEY),
    GETDEL(KEY, FIRST_KEY),
    INCR(KEY, FIRST_KEY),
    STRLEN(KEY, FIRST_KEY),
    HGETALL(KEY, FIRST_KEY),
    HKEYS(KEY, FIRST_KEY),
    HLEN(KEY, FIRST_KEY),
    HVALS(KEY, FIRST_KEY),
    LLEN(KEY, FIRST_KEY),
    SCARD(KEY, FIRST_KEY),
    SMEMBERS(KEY, FIRST_KEY),
    ZCARD(KEY, FIRST_KEY),
    // KEY_1
    EXPIRE(KEY_1, FIRST_KEY),
    EXPIREAT(KEY_1, FIRST_KEY),
    PEXPIRE(KEY_1, FIRST_KEY),
    PEXPIREAT(KEY_1, FIRST_KEY),
    APPEND(KEY_1, FIRST_KEY),
    DECRBY(KEY_1, FIRST_KEY),
    GETBIT(KEY_1, FIRST_KEY),
    GETSET(KEY_1, FIRST_KEY),
    INCRBY(KEY_1, FIRST_KEY),
    INCRBYFLOAT(KEY_1, FIRST_KEY),
    SETNX(KEY_1, FIRST_KEY),
    HEXISTS(KEY_1, FIRST_KEY),
    HGET(KEY_1, FIRST_KEY),
    HSTRLEN(KEY_1, FIRST_KEY),
    LINDEX(KEY_1, FIRST_KEY),
    RPOPLPUSH(KEY_1, FIRST_KEY),
    SISMEMBER(KEY_1, FIRST_KEY),
    ZRANK(KEY_1, FIRST_KEY),
    ZREVRANK(KEY_1, FIRST_KEY),
    ZSCORE(KEY_1, FIRST_KEY),
    // KEY_2
    GETRANGE(KEY_2, FIRST_KEY),
    PSETEX(KEY_2, FIRST_KEY),
    SETBIT(KEY_2, FIRST_KEY),
    SETEX(KEY_2, FIRST_KEY),
    SETRANGE(KEY_2, FIRST_KEY),
    HINCRBY(KEY_2, FIRST_KEY),
    HINCRBYFLOAT(KEY_2, FIRST_KEY),
    HSETNX(KEY_2, FIRST_KEY),
    LRANGE(KEY_2, FIRST_KEY),
    LREM(KEY_2, FIRST_KEY),
    LSET(KEY_2, FIRST_KEY),
    LTRIM(KEY_2, FIRST_KEY),
    SMOVE(KEY_2, FIRST_KEY),
    ZCOUNT(KEY_2, FIRST_KEY),
    ZLEXCOUNT(KEY_2, FIRST_KEY),
    ZINCRBY(KEY_2, FIRST_KEY),
    ZREMRANGEBYLEX(KEY_2, FIRST_KEY),
    ZREMRANGEBYRANK(KEY_2, FIRST_KEY),
    ZREMRANGEBYSCORE(KEY_2, FIRST_KEY),
    // KEY_3
    LINSERT(KEY_3, FIRST_KEY),
    LMOVE(KEY_3, FIRST_KEY),
    // KEY_N
    SORT(KEY_N, FIRST_KEY),
    COPY(KEY_N, FIRST_KEY),
    BITCOUNT(KEY_N, FIRST_KEY),
    BITPOS(KEY_N, FIRST_KEY),
    BITFIELD(KEY_N, FIRST_KEY),
    GETEX(KEY_N, FIRST_KEY),
    SET(KEY_N, FIRST_KEY),
    HDEL(KEY_N, FIRST_KEY),
    HMGET(KEY_N, FIRST_KEY),
    HMSET(KEY_N, FIRST_KEY),
    HSCAN(KEY_N, FIRST_KEY),
    HSET(KEY_N, FIRST_KEY),
    HRANDFIELD(KEY_N, FIRST_KEY),
    LPUSH(KEY_N, FIRST_KEY),
    LPUSHX(KEY_N, FIRST_KEY),
    RPUSH(KEY_N, FIRST_KEY),
    RPUSHX(KEY_N, FIRST_KEY),
    LPOP(KEY_N, FIRST_KEY),
    RPOP(KEY_N, FIRST_KEY),
    LPOS(KEY_N, FIRST_KEY),
    SADD(KEY_N, FIRST_KEY),
    SDIFF(KEY_N, FIRST_KEY),
    SDIFFSTORE(KEY_N, FIRST_KEY),
    SINTER(KEY_N, FIRST_KEY),
    SINTERSTORE(KEY_N, FIRST_KEY),
    SREM(KEY_N, FIRST_KEY),
    SUNION(KEY_N, FIRST_KEY),
    SUNIONSTORE(KEY_N, FIRST_KEY),
    SRANDMEMBER(KEY_N, FIRST_KEY),
    SSCAN(KEY_N, FIRST_KEY),
    SPOP(KEY_N, FIRST_KEY),
    SMISMEMBER(KEY_N, FIRST_KEY),
    PFADD(KEY_N, FIRST_KEY),
    PFMERGE(KEY_N, FIRST_KEY),
    PFCOUNT(KEY_N, FIRST_KEY),
    ZADD(KEY_N, FIRST_KEY),
    ZDIFF(KEY_N, FIRST_KEY),
    ZDIFFSTORE(KEY_N, FIRST_KEY),
    ZINTER(KEY_N, FIRST_KEY),
    ZINTERSTORE(KEY_N, FIRST_KEY),
    ZMSCORE(KEY_N, FIRST_KEY),
    ZPOPMAX(KEY_N, FIRST_KEY),
    ZPOPMIN(KEY_N, FIRST_KEY),
    ZRANDMEMBER(KEY_N, FIRST_KEY),
    ZRANGE(KEY_N, FIRST_KEY),
    ZRANGEBYLEX(KEY_N, FIRST_KEY),
    ZRANGEBYSCORE(KEY_N, FIRST_KEY),
    ZRANGESTORE(KEY_N, FIRST_KEY),
    ZREM(KEY_N, FIRST_KEY),
    ZREVRANGE(KEY_N, FIRST_KEY),
    ZREVRANGEBYLEX(KEY_N, FIRST_KEY),
    ZREVRANGEBYSCORE(KEY_N, FIRST_KEY),
    ZSCAN(KEY_N, FIRST_KEY),
    ZUNION(KEY_N, FIRST_KEY),
    ZUNIONSTORE(KEY_N, FIRST_KEY),
    GEODIST(KEY_N, FIRST_KEY),
    GEOPOS(KEY_N, FIRST_KEY),
    GEOHASH(KEY_N, FIRST_KEY),
    GEOADD(KEY_N, FIRST_KEY),
    GEORADIUS(KEY_N, FIRST_KEY),
    GEORADIUSBYMEMBER(KEY_N, FIRST_KEY),
    GEOSEARCH(KEY_N, FIRST_KEY),
    GEOSEARCHSTORE(KEY_N, FIRST_KEY),
    RESTORE(KEY_N, FIRST_KEY),
    // EVAL
    EVAL(EVAL_KEYS, FIRST_KEY),
    EVALSHA(EVAL_KEYS, FIRST_KEY),

    // ---- nutcracker 0.5.0: split by server and merged ----
    MGET(MULTI_KEY, SPLIT_VALUES),
    DEL(MULTI_KEY, SPLIT_KEYS),
    UNLINK(MULTI_KEY, SPLIT_KEYS),
    TOUCH(MULTI_KEY, SPLIT_KEYS),
    /** nutcracker forwards EXISTS whole to the first key's server and so undercounts; we split it. */
    EXISTS(MULTI_KEY, SPLIT_KEYS),
    MSET(KEY_VALUES, SPLIT_PAIRS),

    // ---- nutcracker 0.5.0: keyless, placed by the literal key "placeholder" ----
    COMMAND(ANY, PLACEHOLDER),
    LOLWUT(ANY, PLACEHOLDER),

    // ---- answered by the proxy ----
    /** {@code +PONG}, or the message echoed back as Redis does (nutcracker: no argument allowed). */
    PING(ANY, LOCAL),
    /** {@code +OK}, then close once earlier replies are out (nutcracker: closes without a reply). */
    QUIT(ANY, LOCAL),
    /** Checked against {@code redis_auth}; the two-argument form accepts user {@code default}. */
    AUTH(ONE_OR_MORE, LOCAL),
    /** {@code +OK} for the pool's {@code redis_db}, an error for any other (nutcracker: closes). */
    SELECT(ONE_OR_MORE, LOCAL),
    /** Echoed back locally (nutcracker: closes). */
    ECHO(ONE_OR_MORE, LOCAL),
    /** RESP2 handshake answered locally; {@code HELLO 3} gets {@code -NOPROTO}, so drivers such as
     * Lettuce fall back to RESP2 (nutcracker: closes, and the driver fails to connect). */
    HELLO(ANY, LOCAL),
    /** SETNAME, GETNAME and SETINFO (sent by Jedis 5 on connect) kept per client connection;
     * other subcommands refused (nutcracker: closes). */
    CLIENT(ONE_OR_MORE, LOCAL),

    // ---- known to Redis, refused by the proxy with an -ERR naming the reason ----
    // SPANS_SERVERS
    INFO(SPANS_SERVERS),
    KEYS(SPANS_SERVERS),
    SCAN(SPANS_SERVERS),
    RANDOMKEY(SPANS_SERVERS),
    DBSIZE(SPANS_SERVERS),
    FLUSHDB(SPANS_SERVERS),
    FLUSHALL(SPANS_SERVERS),
    TIME(SPANS_SERVERS),
    RENAME(SPANS_SERVERS),
    RENAMENX(SPANS_SERVERS),
    MSETNX(SPANS_SERVERS),
    BITOP(SPANS_SERVERS),
    OBJECT(SPANS_SERVERS),
    // CONNECTION_STATE
    PUBSUB(CONNECTION_STATE),
    RESET(CONNECTION_STATE),
    // BLOCKING
    WAIT(BLOCKING),
    // ---- on a server connection of the client's own: see Stateful (issue 16) ----
    MULTI(ANY, DEDICATED),
    EXEC(ANY, DEDICATED),
    DISCARD(ANY, DEDICATED),
    WATCH(ANY, DEDICATED),
    UNWATCH(ANY, DEDICATED),
    SUBSCRIBE(ANY, DEDICATED),
    PSUBSCRIBE(ANY, DEDICATED),
    SSUBSCRIBE(ANY, DEDICATED),
    UNSUBSCRIBE(ANY, DEDICATED),
    PUNSUBSCRIBE(ANY, DEDICATED),
    SUNSUBSCRIBE(ANY, DEDICATED),
    BLPOP(ANY, DEDICATED),
    BRPOP(ANY, DEDICATED),
    BRPOPLPUSH(ANY, DEDICATED),
    BLMOVE(ANY, DEDICATED),
    BLMPOP(ANY, DEDICATED),
    BZPOPMIN(ANY, DEDICATED),
    BZPOPMAX(ANY, DEDICATED),
    BZMPOP(ANY, DEDICATED),
    XREAD(ANY, DEDICATED),
    XREADGROUP(ANY, DEDICATED),
    // ---- Pub/Sub messages: the channel places them like a key (issue 16) ----
    PUBLISH(KEY_1, FIRST_KEY),
    SPUBLISH(KEY_1, FIRST_KEY),
    // ADMIN
    CONFIG(ADMIN),
    SCRIPT(ADMIN),
    SLOWLOG(ADMIN),
    MONITOR(ADMIN),
    SAVE(ADMIN),
    BGSAVE(ADMIN),
    BGREWRITEAOF(ADMIN),
    LASTSAVE(ADMIN),
    SHUTDOWN(ADMIN),
    DEBUG(ADMIN),
    MODULE(ADMIN),
    ACL(ADMIN),
    LATENCY(ADMIN),
    MEMORY(ADMIN),
    FUNCTION(ADMIN),
    FCALL(ADMIN),
    FCALL_RO(ADMIN),
    CLUSTER(ADMIN),
    READONLY(ADMIN),
    READWRITE(ADMIN),
    FAILOVER(ADMIN),
    SWAPDB(ADMIN),
    // OUTSIDE_POOL
    MIGRATE(OUTSIDE_POOL),
    REPLICAOF(OUTSIDE_POOL),
    SLAVEOF(OUTSIDE_POOL),
    SYNC(OUTSIDE_POOL),
    PSYNC(OUTSIDE_POOL),
    // OTHER_DB
    MOVE(OTHER_DB);

    /**
     * Commands that only read, so a read pool may send them to a member's master when the member is
     * down ({@code jn_read_fallback}); the same commands Redis serves on a read-only replica, minus
     * those with a STORE form.
     */
    private static final java.util.Set<Command> READS = java.util.EnumSet.of(
            GET, GETRANGE, STRLEN, GETBIT, BITCOUNT, BITPOS, MGET, EXISTS, TTL, PTTL, TYPE, DUMP,
            HGET, HGETALL, HKEYS, HLEN, HVALS, HEXISTS, HMGET, HSTRLEN, HSCAN, HRANDFIELD,
            LLEN, LINDEX, LRANGE, LPOS, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS, SRANDMEMBER, SSCAN,
            SDIFF, SINTER, SUNION, ZCARD, ZCOUNT, ZLEXCOUNT, ZRANGE, ZRANGEBYLEX, ZRANGEBYSCORE, ZRANK,
            ZREVRANGE, ZREVRANGEBYLEX, ZREVRANGEBYSCORE, ZREVRANK, ZSCORE, ZMSCORE, ZSCAN, ZRANDMEMBER,
            ZDIFF, ZINTER, ZUNION, PFCOUNT, GEODIST, GEOPOS, GEOHASH, GEOSEARCH);

    /** Commands a client may send before it has authenticated against {@code redis_auth}. */
    private static final java.util.Set<Command> BEFORE_AUTH = java.util.EnumSet.of(AUTH, HELLO, PING, QUIT);

    private final Arity arity;
    private final Routing routing;
    private final Unsupported unsupported;
    private final byte[] upperName;

    Command(Arity arity, Routing routing) {
        this.arity = arity;
        this.routing = routing;
        this.unsupported = null;
        this.upperName = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    Command(Unsupported reason) {
        this.arity = ANY;
        this.routing = UNSUPPORTED;
        this.unsupported = reason;
        this.upperName = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public Arity arity() {
        return arity;
    }

    public Routing routing() {
        return routing;
    }

    /** Why the proxy refuses this command, or {@code null} when it is served. */
    public Unsupported unsupported() {
        return unsupported;
    }

    /** The upper-case ASCII name; do not modify. */
    byte[] upperName() {
        return upperName;
    }

    /**
     * The argument whose key places a request forwarded whole: 1, or 3 after EVAL's script and
     * numkeys; 0 when the literal key {@code placeholder} places it (or it is never forwarded).
     */
    public int keyArg() {
        if (arity == Arity.EVAL_KEYS) {
            return 3;
        }
        return routing == FIRST_KEY || keyStep() > 0 ? 1 : 0;
    }

    /** Arguments per key of a split command (1 for keys, 2 for key-value pairs); 0 if never split. */
    public int keyStep() {
        return switch (routing) {
            case SPLIT_PAIRS -> 2;
            case SPLIT_KEYS, SPLIT_VALUES -> 1;
            default -> 0;
        };
    }

    /** Whether a client that has not yet authenticated may send it (see {@link #BEFORE_AUTH}). */
    public boolean beforeAuth() {
        return BEFORE_AUTH.contains(this);
    }

    /** Whether the command only reads (see {@link #READS}). */
    public boolean isRead() {
        return READS.contains(this);
    }

    /** Whether this is one of nutcracker 0.5.0's 137 supported commands (the rest are our additions). */
    public boolean inNutcracker() {
        return ordinal() <= LOLWUT.ordinal() || this == PING || this == QUIT || this == AUTH || this == MOVE;
    }
}
