package io.jnutcracker.lab;

import io.jnutcracker.Nutcracker;
import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.config.ProxyConfig;
import io.jnutcracker.util.Clock;
import io.jnutcracker.stats.StatsService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One data centre's proxy: jnutcracker in this JVM (the default: one process to start and stop,
 * nothing to build or find), or a command of the user's ({@code JN_PROXY}, e.g.
 * {@code /usr/sbin/nutcracker} to compare with the original) as a child given nutcracker's flags.
 */
abstract class LabProxy implements AutoCloseable {
    /** nutcracker's default stats interval, in ms. */
    private static final int STATS_INTERVAL_MILLIS = 30_000;

    /** The child process, or null for a proxy in this JVM. */
    abstract ChildProcess process();

    /** The proxy in this JVM, or null for a child process. */
    io.jnutcracker.Nutcracker inJvm() {
        return null;
    }

    @Override
    public abstract void close();

    static LabProxy inProcess(ProxyConfig config, DataCentre dc) throws IOException, InterruptedException {
        Nutcracker proxy = Nutcracker.start(config, Clock.SYSTEM, 1);
        StatsService stats;
        try {
            stats = StatsService.start(proxy::poolStats, proxy::processStats, new StatsService.Options(
                    DataCentre.STATS_ADDR, dc.statsPort(), STATS_INTERVAL_MILLIS, null, -1));
        } catch (IOException | RuntimeException e) {
            proxy.close();
            throw e;
        }
        return new LabProxy() {
            @Override
            ChildProcess process() {
                return null;
            }

            @Override
            io.jnutcracker.Nutcracker inJvm() {
                return proxy;
            }

            @Override
            public void close() {
                stats.close();
                proxy.close();
            }
        };
    }

    /**
     * Starts {@code command} (split on blanks, so it may carry arguments) with nutcracker's flags
     * {@code -c CONF -o LOG -s STATS_PORT -a 127.0.0.1}; returns once every pool's listen address
     * answers PING (a JVM takes a while; nutcracker answers at once).
     */
    static LabProxy child(String command, Path conf, Path log, Path out, DataCentre dc, ProxyConfig config)
            throws IOException, LabException {
        List<String> cmd = new ArrayList<>(List.of(command.trim().split("\\s+")));
        cmd.addAll(List.of("-c", conf.toString(), "-o", log.toString(), "-s", Integer.toString(dc.statsPort()),
                "-a", DataCentre.STATS_ADDR));
        ChildProcess p = ChildProcess.start("proxy-" + dc.name(), cmd, out, true);
        LabProxy proxy = new LabProxy() {
            @Override
            ChildProcess process() {
                return p;
            }

            @Override
            public void close() {
                p.stop(10_000);
            }
        };
        try {
            for (PoolConfig pool : config.pools()) {
                awaitPing(p, RedisCli.of(pool.listen().host() + ":" + pool.listen().port()));
            }
        } catch (LabException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    private static void awaitPing(ChildProcess p, RedisCli cli) throws LabException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (cli.call("PING").equals("PONG")) {
                return;
            }
            if (!p.isAlive()) {
                throw new LabException(p.name() + " exited during startup with status " + p.exitValue()
                        + " (log: " + p.log() + ")\n" + p.logTail(20));
            }
            RedisServer.sleep(100);
        }
        throw new LabException(cli.address() + " did not answer PING within 120s (log: " + p.log() + ")");
    }
}
