package io.jnutcracker.it;

import io.jnutcracker.Nutcracker;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.util.Clock;
import io.jnutcracker.stats.PrometheusText;
import io.jnutcracker.stats.StatsDocument;
import io.jnutcracker.stats.StatsService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * jnutcracker running in the test's JVM from a yml text, the same way {@code bin/jnutcracker -c} runs it;
 * optionally with its stats (stats port and Prometheus endpoint on free loopback ports).
 */
public final class ProxyProcess implements AutoCloseable {
    private final Nutcracker proxy;
    private final Path config;
    private final StatsService stats;

    private ProxyProcess(Nutcracker proxy, Path config, StatsService stats) {
        this.proxy = proxy;
        this.config = config;
        this.stats = stats;
    }

    public static ProxyProcess start(String yml) throws Exception {
        Path file = Files.createTempFile("jn-", ".yml");
        Files.writeString(file, yml);
        return new ProxyProcess(Nutcracker.start(ConfigLoader.load(file), Clock.SYSTEM, 2), file, null);
    }

    /**
     * Starts with stats as {@code -a 127.0.0.1 -s <free> -i intervalMillis}, plus the Prometheus
     * endpoint on a free loopback port when {@code prometheus}.
     */
    public static ProxyProcess startWithStats(String yml, int intervalMillis, boolean prometheus) throws Exception {
        Path file = Files.createTempFile("jn-", ".yml");
        Files.writeString(file, yml);
        Nutcracker proxy = Nutcracker.start(ConfigLoader.load(file), Clock.SYSTEM, 2);
        try {
            StatsService stats = StatsService.start(proxy::poolStats, proxy::processStats,
                    new StatsService.Options("127.0.0.1", 0, intervalMillis, "127.0.0.1", prometheus ? 0 : -1));
            return new ProxyProcess(proxy, file, stats);
        } catch (Exception e) {
            proxy.close();
            throw e;
        }
    }

    public Path config() {
        return config;
    }

    /** Writes {@code yml} over the config file and reloads it, as SIGHUP does; returns what happened. */
    public io.jnutcracker.Reload reload(String yml) throws Exception {
        Files.writeString(config, yml);
        try {
            return proxy.reload(ConfigLoader.load(config));
        } catch (io.jnutcracker.config.ConfigException e) {
            return proxy.reloadFailed(e.describe());
        }
    }

    public Nutcracker proxy() {
        return proxy;
    }

    public StatsService stats() {
        if (stats == null) {
            throw new IllegalStateException("started without stats");
        }
        return stats;
    }

    /** What the stats port sends now, read over TCP as an operator's script would. */
    public StatsDocument statsDocument() throws IOException {
        return StatsDocument.read("127.0.0.1", stats().port());
    }

    /**
     * Reads the stats port until {@code done} holds, within {@code seconds} (the stats lag by up to one
     * {@code -i} interval); fails with the last document otherwise.
     */
    public StatsDocument awaitStats(java.util.function.Predicate<StatsDocument> done, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        StatsDocument doc = statsDocument();
        while (!done.test(doc)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stats never reached the expected values: " + doc.text);
            }
            Thread.sleep(50);
            doc = statsDocument();
        }
        return doc;
    }

    /** What the Prometheus endpoint serves now (started with {@code prometheus}), parsed strictly. */
    public PrometheusText prometheus() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stats().prometheusPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("prometheus endpoint answered " + r.statusCode());
        }
        return PrometheusText.parse(r.body());
    }

    @Override
    public void close() throws Exception {
        if (stats != null) {
            stats.close();
        }
        proxy.close();
        Files.deleteIfExists(config);
    }
}
