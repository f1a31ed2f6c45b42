package io.jnutcracker.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The lab's pid files in {@code lab/run/pids}: "pid start-time-in-ms" for the lab itself and each
 * process it started. The start time proves a pid is still the process we started, so
 * {@code --stop} never kills a stranger that reused the pid.
 */
final class PidFiles {
    static final String LAB = "lab";

    private final Path dir;

    PidFiles(Path dir) {
        this.dir = dir;
    }

    void record(String name, ProcessHandle process) throws IOException {
        Files.createDirectories(dir);
        long started = process.info().startInstant().map(i -> i.toEpochMilli()).orElse(-1L);
        Files.writeString(dir.resolve(name + ".pid"), process.pid() + " " + started + "\n");
    }

    void remove(String name) {
        dir.resolve(name + ".pid").toFile().delete();
    }

    /** The process of pid file {@code file}, if it is alive and still ours. */
    static Optional<ProcessHandle> live(Path file) {
        try {
            String[] f = Files.readString(file).trim().split(" ");
            long started = Long.parseLong(f[1]);
            return ProcessHandle.of(Long.parseLong(f[0])).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(i -> i.toEpochMilli() == started).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every pid file but the lab's own. */
    List<Path> children() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".pid") && !f.getFileName().toString().equals(LAB + ".pid"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Refuses to start over a run that is still up: its ports are taken and a fresh run dir would lose its pid files. */
    void refuseIfRunning() throws LabException {
        long n = children().stream().filter(f -> live(f).isPresent()).count();
        Optional<ProcessHandle> lab = live(dir.resolve(LAB + ".pid"));
        n += lab.isPresent() ? 1 : 0;
        if (n > 0) {
            throw new LabException("an earlier run is still up (" + n + " processes from " + dir
                    + lab.map(p -> ", the lab is pid " + p.pid()).orElse("") + "); stop it with: bin/jnutcracker-lab --stop");
        }
    }

    /**
     * {@code --stop}: asks the running lab to stop (SIGTERM: it stops its proxies, then its servers),
     * then stops whatever an earlier run left behind (SIGTERM, SIGKILL after 10 s).
     */
    void stopPrevious(PrintStream out) {
        if (!Files.isDirectory(dir)) {
            out.println("lab: nothing to stop (no " + dir + ")");
            return;
        }
        boolean stopped = false;
        Optional<ProcessHandle> lab = live(dir.resolve(LAB + ".pid"));
        if (lab.isPresent()) {
            out.println("lab: stopping the running lab (pid " + lab.get().pid() + ")...");
            stopAndWait(List.of(lab.get()), 30_000);
            stopped = true;
        }
        remove(LAB);
        List<ProcessHandle> left = new ArrayList<>();
        for (Path f : children()) {
            live(f).ifPresent(left::add);
            f.toFile().delete();
        }
        if (!left.isEmpty()) {
            out.println("lab: stopping " + left.size() + " leftover process(es) named in " + dir + "...");
            stopAndWait(left, 10_000);
            stopped = true;
        }
        out.println(stopped ? "lab: stopped" : "lab: nothing was running");
    }

    private static void stopAndWait(List<ProcessHandle> processes, long graceMillis) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + graceMillis;
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < deadline) {
            RedisServer.sleep(100);
        }
        processes.stream().filter(ProcessHandle::isAlive).forEach(p -> {
            System.err.println("lab: warning: pid " + p.pid() + " ignored SIGTERM; killing it");
            p.destroyForcibly();
        });
    }
}
