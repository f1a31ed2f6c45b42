package io.jnutcracker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.command.Command;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The counting hooks and the aggregation, without a network: what each hook adds up to. */
class CountingTest {
    private final PoolStats pool = new PoolStats("alpha", List.of("a1", "a2"));
    private final StatsAggregator aggregator = new StatsAggregator(() -> List.of(pool));

    @Test
    void requestsRepliesAndQueuesOfOneConnection() {
        ServerConnStats c = pool.serverConnection(0, Runnable::run);
        c.forwarded(21, true);
        c.forwarded(30, true);
        Snapshot.Server s = server(0);
        assertThat(s.get(Metric.REQUESTS)).isEqualTo(2);
        assertThat(s.get(Metric.REQUEST_BYTES)).isEqualTo(51);
        assertThat(s.get(Metric.IN_QUEUE)).isEqualTo(2);
        assertThat(s.get(Metric.IN_QUEUE_BYTES)).isEqualTo(51);
        assertThat(s.get(Metric.SERVER_CONNECTIONS)).isZero();

        c.connected(2, 51);
        s = server(0);
        assertThat(s.get(Metric.SERVER_CONNECTIONS)).isEqualTo(1);
        assertThat(s.get(Metric.IN_QUEUE)).isZero();
        assertThat(s.get(Metric.OUT_QUEUE)).isEqualTo(2);
        assertThat(s.get(Metric.OUT_QUEUE_BYTES)).isEqualTo(51);

        c.replied(21, 9, 120);
        s = server(0);
        assertThat(s.get(Metric.RESPONSES)).isEqualTo(1);
        assertThat(s.get(Metric.RESPONSE_BYTES)).isEqualTo(9);
        assertThat(s.get(Metric.OUT_QUEUE)).isEqualTo(1);
        assertThat(s.get(Metric.OUT_QUEUE_BYTES)).isEqualTo(30);
        assertThat(s.latencyWindowCount()).isEqualTo(1);

        c.closed(Metric.SERVER_EOF, true, 1, 30, 0, 0);
        c.closed(Metric.SERVER_EOF, true, 1, 30, 0, 0); // idempotent
        s = server(0);
        assertThat(s.get(Metric.SERVER_EOF)).isEqualTo(1);
        assertThat(s.get(Metric.SERVER_CONNECTIONS)).isZero();
        assertThat(s.get(Metric.OUT_QUEUE)).isZero();
        assertThat(s.get(Metric.OUT_QUEUE_BYTES)).isZero();
        assertThat(aggregator.aggregate().pools().get(0).get(Metric.FORWARD_ERROR)).isEqualTo(1);
    }

    @Test
    void closeReasonsMapToEofTimeoutAndError() {
        pool.serverConnection(1, Runnable::run).closed(Metric.SERVER_ERR, false, 0, 0, 0, 0);
        ServerConnStats t = pool.serverConnection(1, Runnable::run);
        t.connected(0, 0);
        t.closed(Metric.SERVER_TIMEDOUT, true, 0, 0, 0, 0);
        pool.serverConnection(1, Runnable::run).closed(Metric.SERVER_ERR, false, 0, 0, 0, 0);
        Snapshot.Server s = server(1);
        assertThat(s.get(Metric.SERVER_ERR)).isEqualTo(2);
        assertThat(s.get(Metric.SERVER_TIMEDOUT)).isEqualTo(1);
        assertThat(s.get(Metric.SERVER_EOF)).isZero();
        assertThat(s.get(Metric.SERVER_CONNECTIONS)).isZero();
    }

    @Test
    void clientsEjectionsAndConnectionTotals() {
        EmbeddedChannel ch1 = new EmbeddedChannel();
        EmbeddedChannel ch2 = new EmbeddedChannel();
        ClientStats c1 = pool.clientOpened(ch1);
        ClientStats c2 = pool.clientOpened(ch2);
        c1.command(io.jnutcracker.command.CommandTable.byName("GET"));
        c1.command(io.jnutcracker.command.CommandTable.byName("MGET"));
        LoopCounters loop = pool.loopCounters(ch1.eventLoop());
        loop.fragment();
        loop.fragment();
        c1.command(null);
        assertThat(aggregator.aggregate().pools().get(0).get(Metric.CLIENT_CONNECTIONS)).isEqualTo(2);
        c1.closed();
        c2.error();
        c2.closed();
        c2.closed();
        pool.serverEjected(1, 1234);
        pool.serverEjected(1, 999);
        pool.serverConnection(0, Runnable::run);

        Snapshot snap = aggregator.aggregate();
        Snapshot.Pool p = snap.pools().get(0);
        assertThat(p.get(Metric.CLIENT_CONNECTIONS)).isZero();
        assertThat(p.get(Metric.CLIENT_EOF)).isEqualTo(1);
        assertThat(p.get(Metric.CLIENT_ERR)).isEqualTo(1);
        assertThat(p.get(Metric.FRAGMENTS)).isEqualTo(2);
        assertThat(p.get(Metric.SERVER_EJECTS)).isEqualTo(2);
        assertThat(p.servers().get(1).get(Metric.SERVER_EJECTED_AT)).isEqualTo(1234);
        assertThat(p.commandCounts()).containsExactly(java.util.Map.entry("get", 1L),
                java.util.Map.entry("mget", 1L), java.util.Map.entry("unknown", 1L));
        // one listener + two clients + one server connection since start; listener + server now
        assertThat(snap.get(Metric.TOTAL_CONNECTIONS)).isEqualTo(4);
        assertThat(snap.get(Metric.CURR_CONNECTIONS)).isEqualTo(2);
        ch1.finishAndReleaseAll();
        ch2.finishAndReleaseAll();
    }

    @Test
    void eachLoopCountsAloneAndTheStatsThreadSumsThem() throws Exception {
        int loops = 4;
        int perLoop = 100_000;
        ExecutorService[] executors = new ExecutorService[loops];
        for (int i = 0; i < loops; i++) {
            executors[i] = Executors.newSingleThreadExecutor();
        }
        try {
            for (ExecutorService e : executors) {
                e.execute(() -> {
                    ServerConnStats c = pool.serverConnection(0, e);
                    c.connected(0, 0);
                    for (int r = 0; r < perLoop; r++) {
                        c.forwarded(10, false);
                        c.replied(10, 4, r % 1000);
                    }
                });
            }
            for (ExecutorService e : executors) {
                e.shutdown();
                assertThat(e.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            for (ExecutorService e : executors) {
                e.shutdownNow();
            }
        }
        Snapshot.Server s = server(0);
        assertThat(s.get(Metric.REQUESTS)).isEqualTo((long) loops * perLoop);
        assertThat(s.get(Metric.REQUEST_BYTES)).isEqualTo(10L * loops * perLoop);
        assertThat(s.get(Metric.RESPONSE_BYTES)).isEqualTo(4L * loops * perLoop);
        assertThat(s.get(Metric.OUT_QUEUE)).isZero();
        assertThat(s.get(Metric.SERVER_CONNECTIONS)).isEqualTo(loops);
        assertThat(s.latencyWindowCount()).isEqualTo((long) loops * perLoop);
        assertThat(s.p50Micros()).isLessThanOrEqualTo(s.p99Micros());
        assertThat(s.p99Micros()).isLessThanOrEqualTo(s.p999Micros());
    }

    private Snapshot.Server server(int index) {
        return aggregator.aggregate().pools().get(0).servers().get(index);
    }
}
