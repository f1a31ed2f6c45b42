package io.jnutcracker.it;

import io.jnutcracker.stats.StatsDocument;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/jnutcracker} run as a real process in the foreground, as an operator runs it: its config
 * file, log ({@code -o}) and stats port ({@code -i 20}) in a test's directory, signalled with
 * {@code kill}. Every wait polls with a generous deadline; {@link #close} kills what is left.
 */
final class LaunchedProxy implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final long DEADLINE_MS = 30_000;

    private final Process process;
    private final Path conf;
    private final Path log;
    private final int statsPort;

    private LaunchedProxy(Process process, Path conf, Path log, int statsPort) {
        this.process = process;
        this.conf = conf;
        this.log = log;
        this.statsPort = statsPort;
    }

    /** Starts with {@code yml} as its config file plus {@code flags}, and returns once {@code listen} accepts. */
    static LaunchedProxy start(Path dir, String yml, int listen, String... flags) throws Exception {
        Path conf = dir.resolve("nutcracker.yml");
        Files.writeString(conf, yml);
        Path log = dir.resolve("jn.log");
        int statsPort = RedisServerProcess.freePort(HOST);
        List<String> cmd = new ArrayList<>(List.of("bin/jnutcracker", "-c", conf.toString(), "-o", log.toString(),
                "-s", "" + statsPort, "-a", HOST, "-i", "20"));
        cmd.addAll(List.of(flags));
        Process p = LauncherIT.launcher(cmd.toArray(String[]::new)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("jn.out").toFile()).start();
        LaunchedProxy proxy = new LaunchedProxy(p, conf, log, statsPort);
        try {
            proxy.awaitPort(listen);
            proxy.awaitPort(statsPort);
        } catch (Exception | AssertionError e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    Process process() {
        return process;
    }

    /** Writes {@code yml} over the config file and sends SIGHUP (reopen the log, reload). */
    void reload(String yml) throws Exception {
        Files.writeString(conf, yml);
        signal("HUP");
    }

    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Polls the log until {@code pattern} matches a part of it; returns that match. */
    Matcher awaitLog(Pattern pattern) throws Exception {
        return until("'" + pattern + "' in " + log, () -> {
            Matcher m = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
            return m.find() ? m : null;
        }, m -> m != null);
    }

    void awaitLog(String text) throws Exception {
        awaitLog(Pattern.compile(Pattern.quote(text)));
    }

    /** Polls the stats port until {@code check} holds. */
    StatsDocument awaitStats(String what, Predicate<StatsDocument> check) throws Exception {
        return until(what, () -> StatsDocument.read(HOST, statsPort), check);
    }

    /** Waits for the process to exit and returns its status. */
    int awaitExit() throws Exception {
        if (!process.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the proxy did not exit within " + DEADLINE_MS + " ms; log:\n" + logText());
        }
        return process.exitValue();
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    private void awaitPort(int port) throws Exception {
        until("the proxy listening on " + port, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the proxy exited with " + process.exitValue() + "; log:\n" + logText());
            }
            try (Socket s = new Socket(HOST, port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }, ok -> ok);
    }

    /**
     * Calls {@code read} every 20 ms until its value passes {@code check}, for at most
     * {@link #DEADLINE_MS}; fails naming {@code what} and the last value read.
     */
    static <T> T until(String what, Callable<T> read, Predicate<T> check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        T value = read.call();
        while (!check.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never reached within " + DEADLINE_MS + " ms: " + what + "; last seen: "
                        + (value instanceof StatsDocument d ? d.text : value));
            }
            Thread.sleep(20);
            value = read.call();
        }
        return value;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
