/**
 * Read pools that provably line up with their master pool: {@code jnutcracker check} and the running
 * proxy's background check ({@code jn_verify_interval}). nutcracker knows nothing of replication; a
 * read pool in front of replicas finds what the master pool wrote only if read member {@code X}
 * replicates master member {@code X} and both pools place keys alike. Nothing here touches the data path.
 *
 * <pre>
 *  ProxyConfig* ──TopologyCheck──► Survey (InfoSource: RedisProbe / recorded INFO texts)
 *                                    │  NodeState per server (INFO replication → ReplicationInfo)
 *                                    │  Origin per server: follow master_host:master_port upwards,
 *                                    │  trusting a hop only when the replication IDs agree
 *                                    ▼
 *                                  SurveyedPool (role: master / read) ──Pairing──► read ↔ master pool
 *                                    ▼
 *                                  ReadPoolCheck: names, data, hash, distribution, hash_tag, count,
 *                                    weights, Locality, links, Lag; MissEstimate (KeySample, Placement)
 *                                    ▼
 *                                  TopologyReport (PoolReport, MemberReport, Problem with file:line and
 *                                    the replacement line) ──► ReportText | ReportJson
 *  TopologyMonitor: the same check every jn_verify_interval seconds ──► TopologyStatus (for stats)
 * </pre>
 *
 * <p>Two servers hold the same data when their replication IDs ({@code master_replid}) are equal:
 * a synced replica carries its master's. Addresses a replica reports for its master are as configured
 * on the replica and are only followed, never trusted, to find the master. Needs redis 4.0 or later
 * (the first with {@code master_replid}).
 */
package io.jnutcracker.topology;
