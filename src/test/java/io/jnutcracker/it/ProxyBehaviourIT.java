package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the proxy answers itself, and what a client sees when a command is refused or a server is
 * down: always a reply, in order, on a connection that keeps working (nutcracker closes it).
 */
class ProxyBehaviourIT {
    private static RedisServerProcess redis;
    private static ProxyProcess proxy;
    private static int port;
    private static int downPort;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start("127.0.0.1");
        port = RedisServerProcess.freePort("127.0.0.1");
        downPort = RedisServerProcess.freePort("127.0.0.1");
        int closedPort = RedisServerProcess.freePort("127.0.0.1");
        proxy = ProxyProcess.start("""
                up:
                  listen: 127.0.0.1:%d
                  redis: true
                  servers:
                   - %s:1
                down:
                  listen: 127.0.0.1:%d
                  redis: true
                  timeout: 2000
                  servers:
                   - 127.0.0.1:%d:1
                """.formatted(port, redis.address(), downPort, closedPort));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        redis.close();
    }

    @Test
    void unknownCommandGetsAnErrorAndTheConnectionStaysUsable() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            c.send(concat(RespClient.encode("SET", "k", "v"), RespClient.encode("FROBNICATE", "x"),
                    RespClient.encode("GET", "k")));
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).startsWith("-ERR unknown command 'FROBNICATE'");
            assertThat(c.readReply()).isEqualTo("$1\r\nv\r\n");
        }
    }

    @Test
    void unsupportedCommandNamesTheReason() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            assertThat(c.call("KEYS", "*")).startsWith("-ERR command 'KEYS' is not supported through the proxy");
            assertThat(c.call("WAIT", "0", "0")).startsWith("-ERR command 'WAIT' is not supported");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void wrongArgumentCountIsAnErrorNotAClose() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            assertThat(c.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            assertThat(c.call("GET", "a", "b")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            assertThat(c.call("MSET", "a", "1", "b")).startsWith("-ERR wrong number of arguments");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void inlineCommandsWorkAsInRedis() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            c.send("SET inline \"a b\"\r\nGET inline\r\nPING\r\n".getBytes());
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).isEqualTo("$3\r\na b\r\n");
            assertThat(c.readReply()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void quitAnswersOkThenClosesAndDropsWhatFollows() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            c.send(concat(RespClient.encode("SET", "q", "one"), RespClient.encode("QUIT"),
                    RespClient.encode("SET", "q", "after-quit")));
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.isClosedByPeer()).isTrue();
        }
        assertThat(redis.command("GET q")).isEqualTo("$3"); // "one", not "after-quit"
    }

    @Test
    void protocolErrorIsAnsweredAfterEarlierRepliesThenClosed() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            c.send(concat(RespClient.encode("SET", "p", "1"), "*1\r\n$x\r\n".getBytes()));
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).startsWith("-ERR Protocol error");
            assertThat(c.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void selectOfTheConfiguredDbIsOkOthersAreRefused() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", port)) {
            assertThat(c.call("SELECT", "0")).isEqualTo("+OK\r\n");
            assertThat(c.call("SELECT", "3")).startsWith("-ERR SELECT is not allowed");
        }
    }

    @Test
    void serverDownGetsAnErrorReplyNotAHang() throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", downPort)) {
            assertThat(c.call("GET", "k")).isEqualTo("-ERR Connection refused\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            c.send(concat(RespClient.encode("SET", "a", "1"), RespClient.encode("PING"),
                    RespClient.encode("GET", "b")));
            assertThat(c.readReply()).isEqualTo("-ERR Connection refused\r\n");
            assertThat(c.readReply()).isEqualTo("+PONG\r\n");
            assertThat(c.readReply()).isEqualTo("-ERR Connection refused\r\n");
        }
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
