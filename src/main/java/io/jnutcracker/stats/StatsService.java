package io.jnutcracker.stats;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics of a running proxy (nutcracker {@code nc_stats.c}): a thread that aggregates every
 * {@code -i} ms, the stats port on {@code -a:-s}, and, when asked for, the Prometheus endpoint.
 */
public final class StatsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatsService.class);

    /**
     * @param address {@code -a}, nutcracker's default {@code 0.0.0.0}
     * @param port {@code -s}, default 22222; 0 picks a free port (tests)
     * @param intervalMillis {@code -i}, default 30000
     * @param prometheusAddress where the Prometheus endpoint listens (default 127.0.0.1)
     * @param prometheusPort its port; -1 (the default) means no endpoint, 0 a free port
     */
    public record Options(String address, int port, int intervalMillis, String prometheusAddress,
                          int prometheusPort) {
    }

    private final Supplier<List<PoolStats>> pools;
    private final StatsAggregator aggregator;
    private final ScheduledExecutorService thread;
    private final long startedAtMillis = System.currentTimeMillis();
    private final String source = hostName();
    private final StatsEndpoints endpoints = new StatsEndpoints();
    private StatsServer statsServer;
    private PrometheusServer prometheus;

    private StatsService(Supplier<List<PoolStats>> pools, Supplier<ProcessStats> process, int intervalMillis) {
        this.pools = pools;
        this.aggregator = new StatsAggregator(pools, process);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jn-stats");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, intervalMillis);
        thread.scheduleAtFixedRate(this::aggregate, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts aggregating {@code pools} (in nutcracker's sorted order) and the process-level values
     * ({@code Nutcracker::processStats}), each read at every aggregation, and binds the endpoints;
     * throws with nutcracker's wording when a bind fails.
     */
    public static StatsService start(Supplier<List<PoolStats>> pools, Supplier<ProcessStats> process,
                                     Options options) throws IOException {
        StatsService service = new StatsService(pools, process, options.intervalMillis());
        try {
            service.statsServer = StatsServer.start(service.endpoints, options.address(), options.port(),
                    service::documentBytes);
            if (options.prometheusPort() >= 0) {
                service.prometheus = PrometheusServer.start(service.endpoints, options.prometheusAddress(),
                        options.prometheusPort(),
                        new PrometheusCollector(service::snapshot, service::uptimeSeconds, service.source));
                LOG.info("prometheus metrics on 'http://{}:{}/metrics'", options.prometheusAddress(),
                        service.prometheus.port());
            }
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The latest aggregated snapshot (at most one interval old). */
    public Snapshot snapshot() {
        return aggregator.latest();
    }

    /** The bound stats port. */
    public int port() {
        return statsServer.port();
    }

    /** The bound Prometheus port, or -1 when there is no endpoint. */
    public int prometheusPort() {
        return prometheus == null ? -1 : prometheus.port();
    }

    /** What the stats port sends now. */
    public String document() {
        return StatsJson.render(snapshot(), source, uptimeSeconds(), System.currentTimeMillis() / 1000);
    }

    private byte[] documentBytes() {
        return document().getBytes(StandardCharsets.UTF_8);
    }

    private long uptimeSeconds() {
        return (System.currentTimeMillis() - startedAtMillis) / 1000;
    }

    private void aggregate() {
        try {
            aggregator.aggregate();
        } catch (RuntimeException e) {
            LOG.warn("stats aggregation failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        if (statsServer != null) {
            statsServer.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        endpoints.close();
    }

    /** {@code gethostname()}: the kernel's host name, as nutcracker's {@code source} field. */
    static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
