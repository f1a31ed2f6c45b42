package io.jnutcracker.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process we start and must stop: its output goes to a log file, and it can run in a session of
 * its own ({@code setsid}), so a Ctrl-C in the terminal reaches only the lab, which then stops its
 * children in order (proxies before the servers they talk to). Tests leave it in their own session,
 * so a Ctrl-C of Maven also reaches their servers.
 */
public final class ChildProcess {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} with stdin from /dev/null and stdout and stderr into {@code log}.
     * With {@code ownSession}, through {@code setsid} when it is installed: a child of the JVM is
     * never a process-group leader, so setsid execs in place and the pid stays the command's own.
     */
    public static ChildProcess start(String name, List<String> command, Path log, boolean ownSession)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        if (ownSession && onPath("setsid")) {
            cmd.add("setsid");
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new ChildProcess(name, p, log);
    }

    /** Whether {@code program} is an executable file in a directory of PATH. */
    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status of a process that has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The last {@code lines} lines of the log, indented, to show why a process died. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .map(l -> "    " + l).toList());
        } catch (IOException e) {
            return "    (no log: " + e.getMessage() + ")";
        }
    }

    /** Sends a signal by name (STOP freezes a server with its connections open; CONT resumes it). */
    public void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /**
     * SIGTERM, then SIGKILL after {@code graceMillis}: redis-server and the proxies stop cleanly on
     * SIGTERM. Returns false when it had to kill.
     */
    public boolean stop(long graceMillis) {
        process.destroy();
        boolean clean = waitFor(graceMillis);
        if (!clean) {
            kill();
        }
        return clean;
    }

    /** SIGKILL, as a crash would (tests model one with it), and wait for the process to go. */
    public void kill() {
        process.destroyForcibly();
        waitFor(10_000);
    }

    private boolean waitFor(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
