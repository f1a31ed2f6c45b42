package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One command suite run directly against Redis and through the proxy (one server, and two servers):
 * every reply must be byte-identical. Commands touch single keys (or split commands), so placement
 * across servers cannot change a result.
 */
class CommandSuiteIT {
    private static RedisServerProcess direct;
    private static RedisServerProcess a;
    private static RedisServerProcess b;
    private static RedisServerProcess c;
    private static ProxyProcess proxy;
    private static int onePort;
    private static int twoPort;

    static final String[][] SUITE = {
            {"SET", "s1", "v1"}, {"GET", "s1"}, {"GET", "missing"}, {"APPEND", "s1", "x"}, {"STRLEN", "s1"},
            {"SET", "n", "10"}, {"INCR", "n"}, {"INCRBY", "n", "5"}, {"DECR", "n"}, {"INCRBYFLOAT", "n", "1.5"},
            {"GETSET", "s1", "v2"}, {"GETRANGE", "s1", "0", "0"}, {"SETNX", "s1", "zz"}, {"SETEX", "t", "100", "v"},
            {"EXPIRE", "s1", "100"}, {"TTL", "s1"}, {"PERSIST", "s1"}, {"TTL", "s1"}, {"TYPE", "s1"},
            {"HSET", "h", "f1", "a", "f2", "b"}, {"HGET", "h", "f1"}, {"HGETALL", "h"}, {"HLEN", "h"},
            {"HDEL", "h", "f2"}, {"HEXISTS", "h", "f2"}, {"HINCRBY", "h", "c", "3"}, {"HMGET", "h", "f1", "c", "zz"},
            {"LPUSH", "l", "a", "b", "c"}, {"RPUSH", "l", "d"}, {"LRANGE", "l", "0", "-1"}, {"LLEN", "l"},
            {"LPOP", "l"}, {"LINDEX", "l", "1"}, {"LSET", "l", "0", "q"}, {"LREM", "l", "0", "q"},
            {"SADD", "st", "a", "b", "c"}, {"SCARD", "st"}, {"SISMEMBER", "st", "b"}, {"SREM", "st", "b"},
            {"SMISMEMBER", "st", "a", "b"},
            {"ZADD", "z", "1", "a", "2", "b", "3", "c"}, {"ZRANGE", "z", "0", "-1", "WITHSCORES"}, {"ZSCORE", "z", "b"},
            {"ZRANK", "z", "c"}, {"ZINCRBY", "z", "5", "a"}, {"ZREVRANGE", "z", "0", "0"}, {"ZCOUNT", "z", "-inf", "+inf"},
            {"PFADD", "hll", "a", "b"}, {"PFCOUNT", "hll"},
            {"GEOADD", "g", "13.361389", "38.115556", "Palermo"}, {"GEOPOS", "g", "Palermo"},
            {"SET", "s1", "x"}, {"HGET", "s1", "f"}, // WRONGTYPE comes back verbatim
            {"INCR", "s1"}, {"SET"}, {"SET", "only-key"},
            {"MSET", "m1", "1", "m2", "2", "m3", "3", "m4", "4"}, {"MGET", "m1", "m2", "missing", "m3", "m4"},
            {"EXISTS", "m1", "m2", "m3", "m4", "missing"}, {"TOUCH", "m1", "m2"}, {"DEL", "m1", "m2", "m3", "nope"},
            {"UNLINK", "m4"}, {"MGET", "m1", "m4"},
            {"EVAL", "return redis.call('GET', KEYS[1])", "1", "n"},
            {"PING"}, {"PING", "hello"}, {"ECHO", "echo me"},
            // issue 16: on a server connection of the client's own, one key each so no CROSSSLOT
            {"WATCH", "tx"}, {"MULTI"}, {"SET", "tx", "1"}, {"INCR", "tx"}, {"PING"}, {"EXEC"},
            {"MULTI"}, {"INCR", "tx"}, {"DISCARD"}, {"GET", "tx"}, {"UNWATCH"}, {"EXEC"}, {"DISCARD"},
            {"MULTI"}, {"MULTI"}, {"EXEC"}, {"MULTI"}, {"EXEC"},
            {"RPUSH", "bl", "a", "b", "c"}, {"BLPOP", "bl", "1"}, {"BRPOP", "bl", "1"},
            {"BLMPOP", "1", "1", "bl", "LEFT"}, {"BLPOP", "bl", "0.01"}, {"BRPOPLPUSH", "bl", "bl", "0.01"},
            {"XREAD", "COUNT", "1", "BLOCK", "10", "STREAMS", "xs", "0"},
            {"XREAD", "STREAMS", "xs", "0"}, {"PUBLISH", "chan", "nobody"}, {"UNSUBSCRIBE"},
    };

    @BeforeAll
    static void start() throws Exception {
        direct = RedisServerProcess.start("127.0.0.1");
        a = RedisServerProcess.start("127.0.0.1");
        b = RedisServerProcess.start("127.0.0.1");
        c = RedisServerProcess.start("127.0.0.1");
        onePort = RedisServerProcess.freePort("127.0.0.1");
        twoPort = RedisServerProcess.freePort("127.0.0.1");
        proxy = ProxyProcess.start("""
                one:
                  listen: 127.0.0.1:%d
                  redis: true
                  servers:
                   - %s:1
                two:
                  listen: 127.0.0.1:%d
                  redis: true
                  servers:
                   - %s:1 alpha
                   - %s:1 beta
                """.formatted(onePort, a.address(), twoPort, b.address(), c.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        direct.close();
        a.close();
        b.close();
        c.close();
    }

    @Test
    void repliesThroughOneServerPoolEqualDirectReplies() throws Exception {
        assertThat(run(onePort)).containsExactlyElementsOf(run(direct.port()));
    }

    @Test
    void repliesThroughTwoServerPoolEqualDirectReplies() throws Exception {
        assertThat(run(twoPort)).containsExactlyElementsOf(runFresh());
    }

    private static List<String> runFresh() throws Exception {
        try (RedisServerProcess fresh = RedisServerProcess.start("127.0.0.1")) {
            return run(fresh.port());
        }
    }

    private static List<String> run(int port) throws Exception {
        List<String> replies = new ArrayList<>();
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            for (String[] cmd : SUITE) {
                replies.add(String.join(" ", cmd) + " -> " + c.call(cmd));
            }
        }
        return replies;
    }
}
