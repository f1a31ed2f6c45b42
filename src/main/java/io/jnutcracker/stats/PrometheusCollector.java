package io.jnutcracker.stats;

import io.jnutcracker.Version;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Prometheus view of the latest {@link Snapshot}, generated from the {@link Metric} table: one
 * family per metric (its {@link Metric#prometheusName()}), labelled {@code pool} and, for server
 * metrics, {@code server}; counters as counters ({@code _total}), gauges as gauges, microsecond
 * values in seconds, latency as a summary with quantiles 0.5, 0.99 and 0.999. The header strings
 * become the labels of {@code nutcracker_info}. Process-level values are unlabelled; an error text
 * ({@code last_reload_error}) is a gauge, 1 while it is not empty; the topology check's miss share
 * is a gauge per verified read pool.
 */
final class PrometheusCollector implements MultiCollector {
    private static final double MICROS_PER_SECOND = 1_000_000.0;

    private final Supplier<Snapshot> snapshot;
    private final LongSupplier uptimeSeconds;
    private final String source;

    PrometheusCollector(Supplier<Snapshot> snapshot, LongSupplier uptimeSeconds, String source) {
        this.snapshot = snapshot;
        this.uptimeSeconds = uptimeSeconds;
        this.source = source;
    }

    @Override
    public MetricSnapshots collect() {
        Snapshot s = snapshot.get();
        List<MetricSnapshot> families = new ArrayList<>();
        families.add(info());
        for (Metric m : Metric.of(Metric.Scope.TOP)) {
            if (m.prometheusName() == null || m.type() == Metric.Type.STRING) {
                continue;
            }
            double value;
            if (m == Metric.UPTIME) {
                value = uptimeSeconds.getAsLong();
            } else if (m.type() == Metric.Type.ERROR_TEXT) {
                value = s.text(m).isEmpty() ? 0 : 1;
            } else {
                value = s.get(m);
            }
            families.add(family(m, List.of(Labels.EMPTY), List.of(value)));
        }
        for (Metric m : Metric.of(Metric.Scope.POOL)) {
            if (m.type() == Metric.Type.COMMAND_COUNTS) {
                families.add(commands(m, s));
                continue;
            }
            if (m.type() == Metric.Type.RATIO) {
                families.add(missShares(m, s));
                continue;
            }
            List<Labels> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Snapshot.Pool pool : s.pools()) {
                labels.add(Labels.of("pool", pool.name()));
                values.add(scaled(m, pool.get(m)));
            }
            families.add(family(m, labels, values));
        }
        for (Metric m : Metric.of(Metric.Scope.SERVER)) {
            if (m.type() == Metric.Type.SUMMARY) {
                families.add(latency(m, s));
                continue;
            }
            if (m.type() == Metric.Type.REPLICA) {
                families.add(replicas(m, s));
                continue;
            }
            List<Labels> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Snapshot.Pool pool : s.pools()) {
                for (Snapshot.Server server : pool.servers()) {
                    labels.add(Labels.of("pool", pool.name(), "server", server.name()));
                    values.add(scaled(m, server.get(m)));
                }
            }
            families.add(family(m, labels, values));
        }
        return new MetricSnapshots(families);
    }

    private MetricSnapshot info() {
        List<String> nameValues = new ArrayList<>();
        for (Metric m : Metric.of(Metric.Scope.TOP)) {
            if (m.type() == Metric.Type.STRING) {
                nameValues.add(m.jsonName());
                nameValues.add(switch (m) {
                    case SERVICE -> StatsJson.SERVICE;
                    case SOURCE -> source;
                    case VERSION -> Version.NUTCRACKER;
                    default -> throw new IllegalStateException("no value for " + m);
                });
            }
        }
        nameValues.add("jnutcracker_version");
        nameValues.add(Version.JNUTCRACKER);
        return InfoSnapshot.builder().name("nutcracker")
                .help("the proxy: service, host (source) and the nutcracker version it is compatible with")
                .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of(nameValues.toArray(String[]::new))).build())
                .build();
    }

    private static double scaled(Metric m, long value) {
        return m.type() == Metric.Type.TIMESTAMP ? value / MICROS_PER_SECOND : value;
    }

    private static MetricSnapshot family(Metric m, List<Labels> labels, List<Double> values) {
        String help = help(m);
        if (m.type() == Metric.Type.COUNTER) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(m.prometheusName()).help(help);
            for (int i = 0; i < labels.size(); i++) {
                b.dataPoint(CounterDataPointSnapshot.builder().labels(labels.get(i)).value(values.get(i)).build());
            }
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(m.prometheusName()).help(help);
        for (int i = 0; i < labels.size(); i++) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels.get(i)).value(values.get(i)).build());
        }
        return b.build();
    }

    private static MetricSnapshot commands(Metric m, Snapshot s) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(m.prometheusName()).help(help(m));
        for (Snapshot.Pool pool : s.pools()) {
            for (Map.Entry<String, Long> e : pool.commandCounts().entrySet()) {
                b.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(Labels.of("pool", pool.name(), "command", e.getKey())).value(e.getValue()).build());
            }
        }
        return b.build();
    }

    /** One sample per pool in force that the last topology check estimated. */
    private static MetricSnapshot missShares(Metric m, Snapshot s) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(m.prometheusName()).help(help(m));
        for (Snapshot.Pool pool : s.pools()) {
            Double share = s.process().missShare(pool.name());
            if (share != null) {
                b.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("pool", pool.name())).value(share)
                        .build());
            }
        }
        return b.build();
    }

    /** One sample per member of a pool in force that the last check judged ({@code jn_max_replica_lag}). */
    private static MetricSnapshot replicas(Metric m, Snapshot s) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(m.prometheusName()).help(help(m));
        for (Snapshot.Pool pool : s.pools()) {
            for (Snapshot.Server server : pool.servers()) {
                var v = s.process().replica(pool.name(), server.name());
                if (v != null) {
                    double value = m == Metric.UNREADABLE ? (v.unreadable() ? 1 : 0) : v.lagSeconds();
                    b.dataPoint(GaugeDataPointSnapshot.builder()
                            .labels(Labels.of("pool", pool.name(), "server", server.name())).value(value).build());
                }
            }
        }
        return b.build();
    }

    private static MetricSnapshot latency(Metric m, Snapshot s) {
        SummarySnapshot.Builder b = SummarySnapshot.builder().name(m.prometheusName()).help(help(m));
        for (Snapshot.Pool pool : s.pools()) {
            for (Snapshot.Server server : pool.servers()) {
                Quantiles quantiles = server.latencyWindowCount() == 0
                        ? Quantiles.of(new Quantile(0.5, Double.NaN), new Quantile(0.99, Double.NaN),
                                new Quantile(0.999, Double.NaN))
                        : Quantiles.of(new Quantile(0.5, server.p50Micros() / MICROS_PER_SECOND),
                                new Quantile(0.99, server.p99Micros() / MICROS_PER_SECOND),
                                new Quantile(0.999, server.p999Micros() / MICROS_PER_SECOND));
                b.dataPoint(SummaryDataPointSnapshot.builder()
                        .labels(Labels.of("pool", pool.name(), "server", server.name()))
                        .quantiles(quantiles)
                        .count(server.get(Metric.RESPONSES))
                        .sum(server.get(m) / MICROS_PER_SECOND)
                        .build());
            }
        }
        return b.build();
    }

    private static String help(Metric m) {
        String text = m.description().replaceFirst("^# ", "");
        if (m.type() == Metric.Type.TIMESTAMP) {
            text = text.replace("in usec since epoch", "in seconds since the epoch");
        }
        if (m.type() == Metric.Type.ERROR_TEXT) {
            text = "1 while the stats JSON's '" + m.jsonName() + "' is not empty, else 0 (" + text + ")";
        }
        return m.nutcracker() ? text + " (nutcracker stats '" + m.jsonName() + "')" : text;
    }
}
