package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that dies under a blocking command, a transaction and a subscription (issue 16): the
 * waiter gets an error, the transaction aborts on EXEC, the subscriber is closed, as with a direct
 * connection to the server; nobody hangs. The held connections show in the stats until then.
 */
class DedicatedFailureIT {
    private static RedisServerProcess server;
    private static ProxyProcess proxy;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = RedisServerProcess.start("127.0.0.1");
        port = RedisServerProcess.freePort("127.0.0.1");
        proxy = ProxyProcess.startWithStats("""
                fragile:
                  listen: 127.0.0.1:%d
                  redis: true
                  timeout: 300
                  servers:
                   - %s:1 only
                """.formatted(port, server.address()), 50, true);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        server.close();
    }

    @Test
    void aDeadServerEndsEachStateWithoutAHang() throws Exception {
        try (RespClient waiter = new RespClient("127.0.0.1", port, 5000);
             RespClient tx = new RespClient("127.0.0.1", port, 5000);
             RespClient subscriber = new RespClient("127.0.0.1", port, 5000)) {
            waiter.send(RespClient.encode("BLPOP", "jobs", "0"));
            assertThat(tx.call("WATCH", "stock")).isEqualTo("+OK\r\n");
            assertThat(tx.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(tx.call("SET", "stock", "1")).isEqualTo("+QUEUED\r\n");
            assertThat(subscriber.call("SUBSCRIBE", "news")).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
            awaitClients("cmd=blpop");
            assertThat(dedicated()).isEqualTo(3.0);

            server.kill();

            assertThat(waiter.readReply()).startsWith("-ERR Connection");
            assertThat(tx.call("INCR", "stock")).startsWith("-ERR Connection");
            assertThat(tx.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
            assertThat(subscriber.isClosedByPeer()).isTrue();
            for (int i = 0; i < 100 && dedicated() != 0.0; i++) {
                Thread.sleep(50); // the stats thread publishes every 50 ms
            }
            assertThat(dedicated()).isZero();
            assertThat(waiter.call("PING")).isEqualTo("+PONG\r\n"); // the clients themselves live on
        }
    }

    private static double dedicated() throws Exception {
        return proxy.prometheus().value("nutcracker_dedicated_connections", "pool", "fragile");
    }

    /** Waits for the server to show {@code what} in CLIENT LIST, and for the stats to count it. */
    private static void awaitClients(String what) throws Exception {
        try (RespClient direct = new RespClient("127.0.0.1", server.port())) {
            for (int i = 0; i < 200 && !(direct.call("CLIENT", "LIST").contains(what) && dedicated() == 3.0); i++) {
                Thread.sleep(25);
            }
        }
    }
}
