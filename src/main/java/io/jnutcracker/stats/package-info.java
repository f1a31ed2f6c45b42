/**
 * Statistics (nutcracker's {@code nc_stats.c}) and what is built on them: the {@link
 * io.jnutcracker.stats.Metric} table; per-event-loop counters written by the data path through
 * {@link io.jnutcracker.stats.ClientStats} and {@link io.jnutcracker.stats.ServerConnStats} (one
 * line at each hook, no locks); the stats thread that sums them every {@code -i} ms into an
 * immutable {@link io.jnutcracker.stats.Snapshot}, with the process-level values (reloads, the
 * background topology check) of a {@link io.jnutcracker.stats.ProcessStats}; nutcracker's stats
 * port and JSON; latency
 * percentiles (HdrHistogram); and the Prometheus endpoint.
 */
package io.jnutcracker.stats;
