package io.jnutcracker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.util.Clock;
import io.jnutcracker.route.ServerPool;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server killed and restarted while clients pipeline, with {@code auto_eject_hosts} on and off.
 * Every request gets exactly one reply, in order: its own value, or an error naming the cause, or
 * (ejection on) nil once its key has moved to a live server, as nutcracker re-hashes.
 */
class EjectionIT {
    private static final int KEYS = 300;

    @ParameterizedTest(name = "auto_eject_hosts: {0}")
    @ValueSource(booleans = {true, false})
    void serverKilledAndRestartedDuringPipelinedRun(boolean eject) throws Exception {
        List<RedisServerProcess> servers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            servers.add(RedisServerProcess.start("127.0.0.1"));
        }
        int port = RedisServerProcess.freePort("127.0.0.1");
        String yml = BackendsIT.pool(port, "auto_eject_hosts: " + eject
                        + "\n  server_failure_limit: 2\n  server_retry_timeout: 500\n  timeout: 1000",
                servers.get(0).address() + ":1 a", servers.get(1).address() + ":1 b", servers.get(2).address() + ":1 c");
        RedisServerProcess victim = servers.get(2);
        try (ProxyProcess proxy = ProxyProcess.start(yml)) {
            ServerPool placement = new ServerPool(ConfigLoader.load(proxy.config()).pools().get(0), Clock.SYSTEM);
            List<String> keys = new ArrayList<>();
            List<String> victimKeys = new ArrayList<>();
            try (RespClient c = new RespClient("127.0.0.1", port)) {
                for (int i = 0; i < KEYS; i++) {
                    String key = "ej:" + i;
                    keys.add(key);
                    assertThat(c.call("SET", key, value(key))).isEqualTo("+OK\r\n");
                    byte[] b = key.getBytes(StandardCharsets.UTF_8);
                    if (placement.serverFor(Unpooled.wrappedBuffer(b), 0, b.length) == 2) {
                        victimKeys.add(key);
                    }
                }
            }
            assertThat(victimKeys).isNotEmpty();
            AtomicBoolean restarted = new AtomicBoolean();
            Thread chaos = new Thread(() -> {
                try {
                    Thread.sleep(200);
                    victim.kill();
                    Thread.sleep(700);
                    servers.set(2, RedisServerProcess.start("127.0.0.1", victim.port()));
                    restarted.set(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int errors = 0;
            int nils = 0;
            int rounds = 0;
            try (RespClient c = new RespClient("127.0.0.1", port)) {
                chaos.start();
                long end = System.nanoTime() + 2_500_000_000L;
                while (System.nanoTime() < end) {
                    ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
                    for (String key : keys) {
                        pipeline.writeBytes(RespClient.encode("GET", key));
                    }
                    c.send(pipeline.toByteArray());
                    for (String key : keys) {
                        String reply = c.readReply();
                        String own = "$" + value(key).length() + "\r\n" + value(key) + "\r\n";
                        if (reply.startsWith("-ERR ")) {
                            assertThat(reply).as(key).containsAnyOf("Connection refused", "Connection closed by server",
                                    "Connection reset by peer", "Connection timed out");
                            assertThat(victimKeys).as("only the killed server's keys fail").contains(key);
                            errors++;
                        } else if (reply.equals("$-1\r\n")) {
                            assertThat(victimKeys).as("only the killed server's keys are lost").contains(key);
                            nils++;
                        } else {
                            assertThat(reply).as("reply to GET " + key).isEqualTo(own);
                        }
                    }
                    rounds++;
                }
                chaos.join();
            }
            assertThat(restarted).isTrue();
            assertThat(rounds).isGreaterThan(2);
            assertThat(errors).as("requests to the dead server get errors").isPositive();
            if (!eject) {
                // Without ejection nothing moves: the restarted (empty) server answers nil for its keys.
                assertThat(nils).isPositive();
            }
            // After the retry timeout the server is back in the continuum and owns its keys again.
            Thread.sleep(600);
            try (RespClient c = new RespClient("127.0.0.1", port)) {
                String key = victimKeys.get(0);
                String reply = c.call("SET", key, "back");
                for (int i = 0; i < 10 && !reply.equals("+OK\r\n"); i++) { // a stale connection may fail once per limit
                    Thread.sleep(100);
                    reply = c.call("SET", key, "back");
                }
                assertThat(reply).isEqualTo("+OK\r\n");
            }
            assertThat(servers.get(2).command("GET " + victimKeys.get(0))).isEqualTo("$4");
        } finally {
            servers.forEach(RedisServerProcess::close);
        }
    }

    private static String value(String key) {
        return "value-of-" + key;
    }
}
