package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/jnutcracker} as an operator runs it: {@code -t} on the seed files and on a broken copy,
 * a foreground run driven by {@code redis-cli} and stopped by SIGTERM (exit 0, pid file removed).
 */
class LauncherIT {
    private static final Path SEED = Path.of("docs/seed/detail01.nutcracker.yml");

    @Test
    void testConfAcceptsTheSeedFiles() throws Exception {
        for (String f : List.of("detail01", "detail02")) {
            Result r = run("bin/jnutcracker", "-t", "-c", "docs/seed/" + f + ".nutcracker.yml");
            assertThat(r.exit).isZero();
            assertThat(r.output).contains("syntax is ok");
        }
    }

    @Test
    void testConfNamesTheLineOfABrokenCopy(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, Files.readString(SEED).replace("distribution: ketama", "distribution: rendezvous"));
        Result r = run("bin/jnutcracker", "-t", "-c", broken.toString());
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("syntax is invalid")
                .contains(broken + ":5: directive \"distribution\" is not a valid distribution");
    }

    @Test
    void runsInTheForegroundServesRedisCliAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            Path conf = dir.resolve("nutcracker.yml");
            Path pid = dir.resolve("jn.pid");
            Files.writeString(conf, """
                    alpha:
                      listen: 127.0.0.1:%d
                      redis: true
                      servers:
                       - %s:1 redis01
                    """.formatted(port, redis.address()));
            Process proxy = launcher("bin/jnutcracker", "-c", conf.toString(), "-p", pid.toString(),
                    "-o", dir.resolve("jn.log").toString(), "-s", "" + RedisServerProcess.freePort("127.0.0.1"))
                    .redirectErrorStream(true).start();
            awaitPort(port);
            assertThat(run("redis-cli", "-p", "" + port, "set", "k1", "v1").output.trim()).isEqualTo("OK");
            assertThat(run("redis-cli", "-p", "" + port, "get", "k1").output.trim()).isEqualTo("v1");
            assertThat(run("redis-cli", "-p", "" + port, "flushall").output.trim())
                    .startsWith("ERR command 'FLUSHALL' is not supported");
            assertThat(Files.readString(pid).trim()).isEqualTo(Long.toString(proxy.pid())); // exec'd: same pid
            // Netty's epoll library from target/native (java.library.path), not copied out of the jar.
            assertThat(Files.readString(Path.of("/proc/" + proxy.pid() + "/maps")))
                    .contains(Path.of("target/native/libnetty_transport_native_epoll_x86_64.so").toAbsolutePath().toString());
            Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(proxy.pid())}).waitFor();
            assertThat(proxy.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(proxy.exitValue()).isZero();
            assertThat(pid).doesNotExist();
            // With -o everything goes to the log: nothing on stdout or stderr (no SLF4J or Logback
            // status lines from the logging set-up, cli.LogProvider), and the log has our lines.
            assertThat(new String(proxy.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
            assertThat(Files.readString(dir.resolve("jn.log"))).containsPattern("(?m)^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] ProxyCommand ");
        }
    }

    @Test
    void sighupAndWatchReloadTheConfigurationWithoutDroppingClients(@TempDir Path dir) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            int added = RedisServerProcess.freePort("127.0.0.1");
            int watched = RedisServerProcess.freePort("127.0.0.1");
            Path conf = dir.resolve("nutcracker.yml");
            String first = """
                    alpha:
                      listen: 127.0.0.1:%d
                      redis: true
                      servers:
                       - %s:1 redis01
                    """.formatted(port, redis.address());
            Files.writeString(conf, first);
            Process proxy = new ProcessBuilder("bin/jnutcracker", "-c", conf.toString(), "--watch",
                    "-o", dir.resolve("jn.log").toString(), "-s", "" + RedisServerProcess.freePort("127.0.0.1"))
                    .redirectErrorStream(true).start(); // -s: the default 22222 may be taken on a shared machine
            try (RespClient client = new RespClient("127.0.0.1", awaitPort(port))) {
                assertThat(client.call("SET", "r", "1")).isEqualTo("+OK\r\n");
                // An invalid file changes nothing.
                Files.writeString(conf, first.replace("redis: true", "redis: maybe"));
                kill("HUP", proxy);
                Thread.sleep(500);
                assertThat(client.call("GET", "r")).isEqualTo("$1\r\n1\r\n");
                // SIGHUP applies a new pool; the existing client stays connected.
                Files.writeString(conf, first + first.replace("alpha", "beta").replace("" + port, "" + added));
                kill("HUP", proxy);
                try (RespClient b = new RespClient("127.0.0.1", awaitPort(added))) {
                    assertThat(b.call("GET", "r")).isEqualTo("$1\r\n1\r\n");
                }
                // --watch: a change to the file is enough.
                Files.writeString(conf, first + first.replace("alpha", "gamma").replace("" + port, "" + watched));
                try (RespClient g = new RespClient("127.0.0.1", awaitPort(watched))) {
                    assertThat(g.call("GET", "r")).isEqualTo("$1\r\n1\r\n");
                }
                assertThat(client.call("GET", "r")).isEqualTo("$1\r\n1\r\n");
                assertThat(Files.readString(dir.resolve("jn.log"))).contains("reload failed").contains("reload applied");
            } finally {
                kill("TERM", proxy);
                proxy.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void routeAgreesWithWhereTheRunningProxyPutsKeys(@TempDir Path dir) throws Exception {
        String[] keys = {"k1", "p1", "product", "hello", "hello1", "hell1", "k2", "foo", "bar", "user:42"};
        List<String> args = new java.util.ArrayList<>(List.of("bin/jnutcracker", "route", "-c",
                "docs/seed/detail01.nutcracker.yml", "--pool", "redis-master"));
        args.addAll(List.of(keys));
        Result route = run(args.toArray(String[]::new));
        assertThat(route.exit).as(route.output).isZero();
        java.util.Map<String, String> said = new java.util.HashMap<>();
        for (String line : route.output.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 4 && !cols[0].equals("KEY")) {
                said.put(cols[0], cols[2]);
            }
        }
        assertThat(said).hasSize(keys.length);
        // The same pool, its servers mapped to local redis-servers (names decide placement).
        try (RedisServerProcess r1 = RedisServerProcess.start("127.0.0.1");
             RedisServerProcess r2 = RedisServerProcess.start("127.0.0.1")) {
            int port = RedisServerProcess.freePort("127.0.0.1");
            String yml = Files.readString(Path.of("docs/seed/detail01.nutcracker.yml"))
                    .replace("127.0.0.1:1111", "127.0.0.1:" + port)
                    .replace("192.168.99.11:6401", r1.address()).replace("192.168.99.11:6402", r2.address())
                    .replace("127.0.0.1:1112", "127.0.0.1:" + RedisServerProcess.freePort("127.0.0.1"));
            try (ProxyProcess proxy = ProxyProcess.start(yml); RespClient c = new RespClient("127.0.0.1", port)) {
                for (String key : keys) {
                    assertThat(c.call("SET", key, "x")).isEqualTo("+OK\r\n");
                }
            }
            for (String key : keys) {
                String holder = r1.command("EXISTS " + key).equals(":1") ? "redis01"
                        : r2.command("EXISTS " + key).equals(":1") ? "redis02" : "nowhere";
                assertThat(holder).as("route said %s for %s", said.get(key), key).isEqualTo(said.get(key));
            }
        }
    }

    static void kill(String signal, Process p) throws Exception {
        Runtime.getRuntime().exec(new String[] {"kill", "-" + signal, Long.toString(p.pid())}).waitFor();
    }

    static int awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("proxy did not listen on " + port);
    }

    /** A process builder whose bin/jnutcracker runs the jar this build made (JN_JAR), not a stale one. */
    static ProcessBuilder launcher(String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String jar = System.getProperty("jn.jar");
        if (jar != null) {
            pb.environment().put("JN_JAR", jar);
        }
        return pb;
    }

    record Result(int exit, String output) {
    }

    static Result run(String... cmd) throws Exception {
        Process p = launcher(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
