package io.jnutcracker.lab;

import io.jnutcracker.config.ConfigException;
import io.jnutcracker.config.ConfigLoader;
import io.jnutcracker.config.ProxyConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The seed write-up's deployment (docs/seed/, lesson 142) on this machine's loopback: real
 * redis-servers, one proxy per data centre, the write-up's own check through the proxies, then up
 * until stopped. Everything it writes is under {@code lab/run/} of the checkout it runs in, which
 * each run wipes and recreates. {@link #close()} stops the proxies first, then the servers.
 */
public final class Lab implements AutoCloseable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_WRONG = 1;
    public static final int EXIT_SETUP = 2;

    /**
     * Paths are relative to the current directory, which must be the checkout (docs/seed/ is read
     * from it, lab/run/ written in it), so that the files the check names read {@code lab/run/detail01.yml}.
     *
     * @param proxyCommand {@code JN_PROXY}: a proxy command to run per data centre with nutcracker's
     *     flags, or null for jnutcracker in this JVM
     * @param sampleSize keys in each larger sample ({@code JN_LAB_SAMPLE})
     * @param proxyLog where the in-JVM proxies' log must go (the caller owns logging)
     */
    public record Options(Layout layout, String proxyCommand, int sampleSize, Consumer<Path> proxyLog) {
    }

    /**
     * What a completed run found.
     *
     * @param status {@link #EXIT_OK} or {@link #EXIT_WRONG}
     * @param named the members {@code jnutcracker check} named, "dc/name"
     * @param found per data centre, the write-up's written keys its read pool returned
     */
    public record Report(int status, List<String> named, Map<String, List<String>> found) {
    }

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final Path runDir;
    private final PidFiles pids;
    private final List<LabProxy> proxies = new ArrayList<>();
    private final Replication redis;
    /** Set once this run owns lab/run/pids: a run refused at setup must leave an earlier run's files alone. */
    private boolean started;
    private boolean closed;

    public Lab(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.runDir = Path.of("lab", "run");
        this.pids = new PidFiles(runDir.resolve("pids"));
        this.redis = new Replication(runDir.resolve("redis"), true);
    }

    /** {@code --stop}: stops an earlier run found through its pid files. */
    public static void stopPrevious(PrintStream out) {
        new PidFiles(Path.of("lab", "run", "pids")).stopPrevious(out);
    }

    /** Sets everything up and runs the checks. Throws when the lab could not be set up. */
    public Report run() throws LabException, IOException, InterruptedException {
        Layout layout = options.layout();
        LabSetup setup = new LabSetup(runDir, out);
        pids.refuseIfRunning();
        Map<DataCentre, Path> files = setup.writeConfigs(layout);
        Map<DataCentre, ProxyConfig> configs = new LinkedHashMap<>();
        for (DataCentre dc : DataCentre.ALL) {
            try {
                configs.put(dc, ConfigLoader.load(files.get(dc)));
            } catch (ConfigException e) {
                throw new LabException(e.describe());
            }
        }
        setup.checkPortsFree(layout, configs);
        started = true;
        pids.record(PidFiles.LAB, ProcessHandle.current());
        setup.startRedis(layout, redis, pids);
        Deployment d = new Deployment(layout, configs, files, redis, err);
        TopologyStep.Result topology = TopologyStep.run(d, out);
        startProxies(configs, files);
        WriteupCheck.Result writeup = WriteupCheck.run(d, out);
        boolean ok = topology.ok() & writeup.ok();
        ok &= SampleCheck.run(d, "seq", options.sampleSize(), out);
        ok &= SampleCheck.run(d, "random", options.sampleSize(), out);
        out.println();
        out.println("lab: CHECK " + (ok ? "PASSED" : "FAILED") + " (" + layout.label() + " layout, proxy: " + proxyName() + ")");
        return new Report(ok ? EXIT_OK : EXIT_WRONG, topology.named(), writeup.found());
    }

    private String proxyName() {
        return options.proxyCommand() == null ? "jnutcracker in this JVM" : options.proxyCommand();
    }

    private void startProxies(Map<DataCentre, ProxyConfig> configs, Map<DataCentre, Path> files)
            throws IOException, InterruptedException, LabException {
        Path log = runDir.resolve("proxies.log");
        if (options.proxyCommand() == null) {
            options.proxyLog().accept(log);
        }
        for (DataCentre dc : DataCentre.ALL) {
            if (options.proxyCommand() == null) {
                out.println("lab: starting proxy " + dc.name() + " in this JVM: " + files.get(dc) + ", stats on "
                        + DataCentre.STATS_ADDR + ":" + dc.statsPort() + ", log " + log);
                keep(LabProxy.inProcess(configs.get(dc), dc));
                continue;
            }
            // Absolute paths: a daemonizing proxy (nutcracker -d) may change directory.
            Path dcLog = runDir.resolve(dc.name() + ".proxy.log").toAbsolutePath();
            Path conf = files.get(dc).toAbsolutePath();
            out.println("lab: starting proxy " + dc.name() + ": " + options.proxyCommand() + " -c " + conf + " -o " + dcLog
                    + " -s " + dc.statsPort() + " -a " + DataCentre.STATS_ADDR);
            LabProxy proxy = LabProxy.child(options.proxyCommand(), conf, dcLog,
                    runDir.resolve(dc.name() + ".proxy.out"), dc, configs.get(dc));
            keep(proxy);
            pids.record("proxy-" + dc.name(), proxy.process().handle());
        }
    }

    /** Keeps a started proxy for close(), or stops it at once when close() has run (a Ctrl-C during setup). */
    private synchronized void keep(LabProxy proxy) throws LabException {
        if (closed) {
            proxy.close();
            throw new LabException("stopping");
        }
        proxies.add(proxy);
    }

    /**
     * Stays up until {@code stop} opens; returns {@code status}, or {@link #EXIT_WRONG} as soon as a
     * redis-server or a proxy process exits on its own.
     */
    public int awaitStop(CountDownLatch stop, int status) throws InterruptedException {
        out.println();
        out.println("lab: up until Ctrl-C (or bin/jnutcracker-lab --stop from another shell). Logs: " + runDir + "/");
        out.println("lab: try: redis-cli -h " + DataCentre.DETAIL02.ip() + " -p 1112 get k1");
        out.println("lab:      redis-cli -h " + DataCentre.DETAIL01.ip() + " -p 1111 set mykey hi; redis-cli -h "
                + DataCentre.DETAIL01.ip() + " -p 1112 get mykey");
        while (!stop.await(1, TimeUnit.SECONDS)) {
            List<ChildProcess> children = new ArrayList<>();
            redis.servers().forEach(s -> children.add(s.process()));
            List.copyOf(proxies).stream().map(LabProxy::process).filter(p -> p != null).forEach(children::add);
            for (ChildProcess c : children) {
                if (!c.isAlive()) {
                    err.println("lab: warning: " + c.name() + " exited on its own; stopping the lab");
                    return EXIT_WRONG;
                }
            }
        }
        return status;
    }

    /** Stops the proxies first, so no client sees a half-stopped backend, then the redis-servers. */
    @Override
    public synchronized void close() {
        if (closed || !started) {
            return;
        }
        closed = true;
        int servers = redis.servers().size();
        if (!proxies.isEmpty() || servers > 0) {
            out.println("lab: stopping " + proxies.size() + " proxies and " + servers + " redis-server processes...");
            proxies.forEach(LabProxy::close);
            redis.close();
            for (Path f : pids.children()) {
                f.toFile().delete();
            }
        }
        pids.remove(PidFiles.LAB);
        out.println("lab: stopped. Logs are in " + runDir + "/");
        out.flush();
    }
}
