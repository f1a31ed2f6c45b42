package io.jnutcracker.lab;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The failover lab's users: batches of {@code SET fo:N N} through 127.0.99.11:1111, each followed by
 * {@code GET} of the batch's keys through each data centre's :1112; every reply kept with its time,
 * so the lab can tell what users saw and which acknowledged writes are gone afterwards.
 */
final class FailoverTraffic implements Runnable {
    /** One answered command. */
    record Answer(String key, boolean write, String dc, String reply, long atNanos) {
        boolean failed() {
            return reply.startsWith("(error)");
        }
    }

    private final int batch;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stop;

    FailoverTraffic(int batch) {
        this.batch = batch;
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        RedisCli writer = new RedisCli(DataCentre.MASTER.ip(), 1111);
        for (int n = 0; !stop; n += batch) {
            List<String[]> sets = new ArrayList<>();
            List<String[]> gets = new ArrayList<>();
            for (int i = n; i < n + batch; i++) {
                sets.add(new String[] {"SET", "fo:" + i, Integer.toString(i)});
                gets.add(new String[] {"GET", "fo:" + i});
            }
            record(sets, true, "detail01", writer.callAll(sets));
            for (DataCentre dc : DataCentre.ALL) {
                record(gets, false, dc.name(), new RedisCli(dc.ip(), 1112).callAll(gets));
            }
        }
    }

    private void record(List<String[]> commands, boolean write, String dc, List<String> replies) {
        long now = System.nanoTime();
        for (int i = 0; i < commands.size(); i++) {
            answers.add(new Answer(commands.get(i)[1], write, dc, replies.get(i), now));
        }
    }

    private List<Answer> all() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** Whether writes succeeded again after the last failure. */
    boolean resumed() {
        List<Answer> writes = all().stream().filter(Answer::write).toList();
        return !writes.isEmpty() && !writes.get(writes.size() - 1).failed();
    }

    void report(PrintStream out, long killedAt) {
        List<Answer> all = all();
        List<Answer> writes = all.stream().filter(Answer::write).toList();
        List<Answer> failed = writes.stream().filter(Answer::failed).toList();
        out.println("  writes through :1111: " + writes.size() + " sent, " + failed.size() + " failed"
                + (failed.isEmpty() ? "" : ", from " + FailoverLab.ms(failed.get(0).atNanos() - killedAt) + " ms to "
                + FailoverLab.ms(failed.get(failed.size() - 1).atNanos() - killedAt) + " ms after the kill (first: "
                + failed.get(0).reply() + ")"));
        for (DataCentre dc : DataCentre.ALL) {
            List<Answer> reads = all.stream().filter(a -> !a.write() && a.dc().equals(dc.name())).toList();
            long errors = reads.stream().filter(Answer::failed).count();
            long nil = reads.stream().filter(a -> a.reply().equals("(nil)")).count();
            out.println("  reads through " + dc.name() + " :1112: " + reads.size() + " sent, " + errors + " failed, "
                    + nil + " (nil) (a write that failed, or one not yet replicated when read)");
        }
    }

    /** Keys acknowledged after {@code switchedAt} that the new master does not hold with their value. */
    long lostAfter(long switchedAt) {
        return missing(all().stream().filter(a -> a.write() && !a.failed() && a.atNanos() > switchedAt).toList());
    }

    /** Keys acknowledged before {@code killedAt} that the masters no longer hold. */
    long lostBefore(long killedAt) {
        return missing(all().stream().filter(a -> a.write() && !a.failed() && a.atNanos() < killedAt).toList());
    }

    /** Reads each acknowledged key back through the master pool (which places it as it was written). */
    private static long missing(List<Answer> acked) {
        Map<String, String> expected = new HashMap<>();
        acked.forEach(a -> expected.put(a.key(), "\"" + a.key().substring(3) + "\""));
        List<String[]> gets = expected.keySet().stream().map(k -> new String[] {"GET", k}).toList();
        List<String> replies = gets.isEmpty() ? List.of()
                : new RedisCli(DataCentre.MASTER.ip(), 1111).callAll(gets);
        long lost = 0;
        for (int i = 0; i < gets.size(); i++) {
            if (!replies.get(i).equals(expected.get(gets.get(i)[1]))) {
                lost++;
            }
        }
        return lost;
    }
}
