package io.jnutcracker.lab;

import io.jnutcracker.topology.Endpoint;
import io.jnutcracker.topology.RedisProbe;
import io.jnutcracker.topology.ReplicationInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real redis-server masters and replicas on loopback, for the lab and the topology tests. Started
 * so that replication is quick: masters sync without the diskless delay, and each replica announces
 * the address it listens on (every replica connects from 127.0.0.1, so without it a master's
 * {@code slaveN} lines could not tell .11:6405 from .12:6405). Files and logs go to one directory.
 */
public final class Replication implements AutoCloseable {
    private static final long WAIT_NANOS = 15_000_000_000L;

    private final Path dir;
    private final boolean ownSession;
    /** Every server in start order, with its master (null for a master). */
    private final Map<RedisServer, RedisServer> servers = new LinkedHashMap<>();
    private final RedisProbe probe = new RedisProbe(1000);
    /** Once closed (a Ctrl-C during setup runs close() on another thread), no server may be added. */
    private boolean closed;

    public Replication(Path dir, boolean ownSession) {
        this.dir = dir;
        this.ownSession = ownSession;
    }

    public RedisServer master(String host, int port) throws IOException {
        return add(start(host, port, List.of()), null);
    }

    public RedisServer replica(String host, int port, RedisServer master) throws IOException {
        return add(start(host, port, List.of("--replicaof", master.host(), Integer.toString(master.port()),
                "--replica-announce-ip", host)), master);
    }

    private RedisServer start(String host, int port, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--repl-diskless-sync-delay", "0"));
        all.addAll(args);
        return RedisServer.start(host, port, dir, dir.resolve("redis-" + host + "-" + port + ".log"), ownSession, all);
    }

    private synchronized RedisServer add(RedisServer s, RedisServer master) throws IOException {
        if (closed) {
            s.kill();
            throw new IOException("stopping: " + s.address() + " not kept");
        }
        servers.put(s, master);
        return s;
    }

    /** Every server in start order. */
    public synchronized List<RedisServer> servers() {
        return List.copyOf(servers.keySet());
    }

    public Path dir() {
        return dir;
    }

    /** Waits until every replica reports its link up (a full sync of an empty data set: milliseconds). */
    public void awaitLinksUp() throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        for (RedisServer s : servers()) {
            while (true) {
                ReplicationInfo info = info(s);
                if (!info.isReplica() || info.linkUp()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("replica " + s.address() + " never got its link to its master up (log: "
                            + s.process().log() + ")");
                }
                RedisServer.sleep(20);
            }
        }
    }

    /**
     * Waits until each replica has applied everything its master had written when asked (WAIT is
     * not something a proxy forwards, so the servers are asked directly). Returns the replicas still
     * behind after 10 s, as "replica still behind master" lines.
     */
    public List<String> awaitCaughtUp() throws IOException {
        List<String> behind = new ArrayList<>();
        for (Map.Entry<RedisServer, RedisServer> e : pairs()) {
            if (e.getValue() == null) {
                continue;
            }
            long target = info(e.getValue()).replOffset();
            long deadline = System.nanoTime() + 10_000_000_000L;
            long offset = info(e.getKey()).replicaOffset();
            while (offset < target && System.nanoTime() < deadline) {
                RedisServer.sleep(20);
                offset = info(e.getKey()).replicaOffset();
            }
            if (offset < target) {
                behind.add("replica " + e.getKey().address() + " still behind " + e.getValue().address()
                        + " after 10s (offset " + offset + " < " + target + ")");
            }
        }
        return behind;
    }

    /** What {@code master}'s own INFO says of its replicas: "ip:port" of each, in its order. */
    public String replicasOf(RedisServer master) throws IOException {
        return info(master).replicas().stream().map(r -> r.ip() + ":" + r.port()).collect(Collectors.joining(", "));
    }

    /** The masters, in start order. */
    public List<RedisServer> masters() {
        return pairs().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
    }

    /** Each server with its master (null for a master), in start order; a copy, safe to walk while others add. */
    private synchronized List<Map.Entry<RedisServer, RedisServer>> pairs() {
        return new ArrayList<>(servers.entrySet()); // entries are never changed, only added
    }

    private ReplicationInfo info(RedisServer s) throws IOException {
        return probe.replication(Endpoint.tcp(s.host(), s.port()), null);
    }

    /** Waits until each replica holds as many keys as {@code master} (replication is asynchronous). */
    public static void awaitSynced(RedisServer master, List<RedisServer> replicas) throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        String size = master.command("DBSIZE");
        for (RedisServer r : replicas) {
            while (!r.command("DBSIZE").equals(size)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(r.address() + " did not catch up with " + master.address());
                }
                RedisServer.sleep(20);
            }
        }
    }

    /** Stops every server, replicas first (a master stopping first would make them log reconnects). */
    @Override
    public void close() {
        List<RedisServer> order;
        synchronized (this) {
            closed = true;
            order = new ArrayList<>(servers.keySet());
        }
        Collections.reverse(order);
        order.forEach(RedisServer::stop);
        probe.close(); // its event loop thread
    }
}
