/**
 * Sentinel-driven pools ({@code jn_sentinels}): members whose addresses follow Redis Sentinel, and
 * read pools that resolve their own local replicas ({@code jn_sentinel_local}). Off the data path:
 * nothing here runs on a proxy event loop; a decision ends in {@code route.Pool.relocate}, which
 * installs a generation with one member's address replaced, as a reload does.
 *
 * <pre>
 *  Sentinel ×N ──SUBSCRIBE──► SentinelLink (ReplyDecoder → topology.Answer → SentinelEvent)
 *      │                          │ hands over to the jn-sentinel thread
 *      │ SENTINEL get-master-addr-by-name / SLAVES (topology.RedisProbe, at start, on subscribe, every 5 s)
 *      ▼                          ▼
 *  SentinelWatch (one per pool) ── SwitchVotes: majority of Sentinels, or one confirmed by the
 *      │                            announced server's INFO replication (role:master)
 *      │  read pool: ReplicaChoice (local, up, linked; replica-priority 0 first; else the master)
 *      ▼
 *  Pool.relocate(member, address)  ── new Generation; the old one retires (in-flight requests finish
 *                                     or fail in order on it); no client connection is touched
 * </pre>
 *
 * {@link io.jnutcracker.sentinel.SentinelMonitor} owns the thread, the subscriptions' event loop and
 * the probe; {@code Nutcracker} starts it after binding and again at each reload.
 */
package io.jnutcracker.sentinel;
