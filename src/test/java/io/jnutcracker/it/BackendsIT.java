package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-side pool settings against real redis-servers: timeout, redis_auth and redis_db together,
 * the client auth gate, client_connections, preconnect, unix sockets.
 */
class BackendsIT {
    @Test
    void timeoutAnswersEveryWaitingRequestAndTheServerRecovers() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start(pool(port, "timeout: 300", redis.address() + ":1"));
                 RespClient c = new RespClient("127.0.0.1", port)) {
                assertThat(c.call("SET", "t", "1")).isEqualTo("+OK\r\n");
                redis.pause();
                try {
                    c.send(ProxyBehaviourIT.concat(RespClient.encode("GET", "t"), RespClient.encode("PING"),
                            RespClient.encode("INCR", "t")));
                    assertThat(c.readReply()).isEqualTo("-ERR Connection timed out\r\n");
                    assertThat(c.readReply()).isEqualTo("+PONG\r\n");
                    assertThat(c.readReply()).isEqualTo("-ERR Connection timed out\r\n");
                } finally {
                    redis.resume();
                }
                assertThat(c.call("GET", "t")).isIn("$1\r\n1\r\n", "$1\r\n2\r\n"); // the INCR may have run
            }
        }
    }

    @Test
    void redisAuthWithRedisDbAuthenticatesBeforeSelecting() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1", "--requirepass", "pw")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start(pool(port, "redis_auth: pw\n  redis_db: 3",
                    redis.address() + ":1"));
                 RespClient c = new RespClient("127.0.0.1", port)) {
                assertThat(c.call("GET", "x")).isEqualTo("-NOAUTH Authentication required\r\n");
                assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required\r\n"); // as nutcracker and Redis
                assertThat(c.call("AUTH", "wrong")).isEqualTo("-ERR invalid password\r\n");
                assertThat(c.call("AUTH", "pw")).isEqualTo("+OK\r\n");
                assertThat(c.call("SET", "db3key", "here")).isEqualTo("+OK\r\n");
                assertThat(c.call("SELECT", "3")).isEqualTo("+OK\r\n");
            }
            try (RespClient direct = new RespClient("127.0.0.1", redis.port())) {
                assertThat(direct.call("AUTH", "pw")).isEqualTo("+OK\r\n");
                assertThat(direct.call("EXISTS", "db3key")).isEqualTo(":0\r\n"); // not in db 0 (nutcracker #491)
                assertThat(direct.call("SELECT", "3")).isEqualTo("+OK\r\n");
                assertThat(direct.call("GET", "db3key")).isEqualTo("$4\r\nhere\r\n");
            }
        }
    }

    @Test
    void clientConnectionsIsEnforced() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start(pool(port, "client_connections: 2", redis.address() + ":1"))) {
                List<RespClient> clients = new ArrayList<>();
                try {
                    for (int i = 0; i < 2; i++) {
                        clients.add(new RespClient("127.0.0.1", port));
                        assertThat(clients.get(i).call("PING")).isEqualTo("+PONG\r\n");
                    }
                    try (RespClient third = new RespClient("127.0.0.1", port)) {
                        assertThat(third.readReply()).isEqualTo("-ERR max number of clients reached\r\n");
                        assertThat(third.isClosedByPeer()).isTrue();
                    }
                    clients.remove(0).close();
                    RespClient again = awaitAccepted(port);
                    clients.add(again);
                } finally {
                    for (RespClient c : clients) {
                        c.close();
                    }
                }
            }
        }
    }

    /** A slot frees once the proxy has seen the close; retry briefly. */
    private static RespClient awaitAccepted(int port) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            RespClient c = new RespClient("127.0.0.1", port);
            try {
                if (c.call("PING").equals("+PONG\r\n")) {
                    return c;
                }
            } catch (java.io.IOException refused) {
                // still full
            }
            c.close();
            Thread.sleep(50);
        }
        throw new AssertionError("no slot freed");
    }

    @Test
    void preconnectOpensServerConnectionsBeforeAnyClient() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int before = connectedClients(redis);
            int port = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start(pool(port, "preconnect: true", redis.address() + ":1"))) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (connectedClients(redis) <= before && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(connectedClients(redis)).isGreaterThan(before);
            }
        }
    }

    @Test
    void serverConnectionsAreSharedOutAmongTheEventLoops() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int before = connectedClients(redis);
            int port = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start(pool(port, "server_connections: 4", redis.address() + ":1"))) {
                List<RespClient> clients = new ArrayList<>();
                try {
                    for (int i = 0; i < 16; i++) { // clients land on both loops (Netty assigns them in turn)
                        RespClient c = new RespClient("127.0.0.1", port);
                        clients.add(c);
                        for (int j = 0; j < 4; j++) {
                            assertThat(c.call("INCR", "sc")).startsWith(":");
                        }
                    }
                    // 2 loops, each with its share of 4 (2): 4 connections to the server, not 16.
                    assertThat(connectedClients(redis) - before).isEqualTo(4);
                } finally {
                    for (RespClient c : clients) {
                        c.close();
                    }
                }
            }
        }
    }

    @Test
    void unixSocketListenAndServer(@TempDir Path dir) throws Exception {
        Path serverSocket = dir.resolve("redis.sock");
        Path listenSocket = dir.resolve("proxy.sock");
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1", "--unixsocket", serverSocket.toString())) {
            String yml = """
                    sock:
                      listen: %s 0600
                      redis: true
                      servers:
                       - %s:1
                    """.formatted(listenSocket, serverSocket);
            try (ProxyProcess proxy = ProxyProcess.start(yml)) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(listenSocket))).isEqualTo("rw-------");
                LauncherIT.Result set = LauncherIT.run("redis-cli", "-s", listenSocket.toString(), "set", "u", "nix");
                assertThat(set.output().trim()).isEqualTo("OK");
            }
            assertThat(redis.command("GET u")).isEqualTo("$3");
        }
    }

    @Test
    void splitRequestWithADeadServerGetsOneNamedErrorInItsPlace() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            int dead = RedisServerProcess.freePort("127.0.0.1");
            try (ProxyProcess proxy = ProxyProcess.start(pool(port, "hash: md5",
                    redis.address() + ":1 alive", "127.0.0.1:" + dead + ":1 dead"));
                 RespClient c = new RespClient("127.0.0.1", port)) {
                String[] keys = new String[40];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = "frag:" + i;
                }
                String[] mget = new String[keys.length + 1];
                mget[0] = "MGET";
                System.arraycopy(keys, 0, mget, 1, keys.length);
                c.send(ProxyBehaviourIT.concat(RespClient.encode("PING"), RespClient.encode(mget),
                        RespClient.encode("ECHO", "after")));
                assertThat(c.readReply()).isEqualTo("+PONG\r\n");
                assertThat(c.readReply()).isEqualTo("-ERR Connection refused\r\n");
                assertThat(c.readReply()).isEqualTo("$5\r\nafter\r\n");
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n"); // nutcracker closes after a failed MGET
            }
        }
    }

    private static int connectedClients(RedisServerProcess redis) throws Exception {
        try (RespClient c = new RespClient("127.0.0.1", redis.port())) {
            String info = c.call("INFO", "clients");
            int i = info.indexOf("connected_clients:");
            return Integer.parseInt(info.substring(i + 18, info.indexOf('\r', i))) - 1; // minus this one
        }
    }

    static String pool(int port, String settings, String... servers) {
        StringBuilder yml = new StringBuilder("p:\n  listen: 127.0.0.1:" + port + "\n  redis: true\n  "
                + settings + "\n  servers:\n");
        for (String s : servers) {
            yml.append("   - ").append(s).append('\n');
        }
        return yml.toString();
    }
}
