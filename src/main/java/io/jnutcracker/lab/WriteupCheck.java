package io.jnutcracker.lab;

import io.jnutcracker.config.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The write-up's own check (TOPOLOGY.md "The write-up's own check"): its writes through the master
 * pool, its reads through each data centre's read pool, printed as redis-cli prints them, with a
 * verdict per data centre. Intended layout: every written key found. As written: every reply what
 * the read pool's members hold, and the write-up's transcript comes out again.
 */
public final class WriteupCheck {
    /** Key and value, in the write-up's order (SeedCheckIT writes them too). */
    public static final Map<String, String> WRITES;
    /** k2 and hell1 were never written. */
    static final List<String> READS = List.of("hello", "k1", "k2", "p1", "product", "hell1", "hello1");
    /** What the write-up's transcript shows for the as-written configs (lesson-142.txt, end). */
    static final Map<String, String> WRITEUP_SAW = Map.of(
            "detail01/hello", "(nil)", "detail01/k1", "\"v1\"", "detail01/k2", "(nil)", "detail01/p1", "\"p1\"",
            "detail01/product", "\"01\"",
            "detail02/hello", "\"hello\"", "detail02/hell1", "(nil)", "detail02/hello1", "\"1\"");
    /**
     * Where nutcracker 0.5.0 puts those keys in the seed's redis-master pool (fnv1a_64, ketama,
     * named redis01/redis02), recorded with the lab and /usr/sbin/nutcracker. A drop-in
     * replacement must place them identically.
     */
    static final Map<String, String> NC_PLACED = Map.of(
            "k1", "redis01", "p1", "redis01", "product", "redis01", "hello", "redis02", "hello1", "redis02");

    static {
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("k1", "v1");
        writes.put("p1", "p1");
        writes.put("product", "01");
        writes.put("hello", "hello");
        writes.put("hello1", "1");
        WRITES = Collections.unmodifiableMap(writes);
    }

    private WriteupCheck() {
    }

    /**
     * @param ok whether every line was right
     * @param found per data centre, the written keys its read pool returned with their value
     */
    record Result(boolean ok, Map<String, List<String>> found) {
    }

    /** Writes, then per data centre the transcript and a verdict. */
    static Result run(Deployment d, PrintStream out) throws IOException {
        boolean ok = true;
        String listen = d.listen(DataCentre.MASTER, DataCentre.MASTER_POOL);
        out.println();
        out.println("== The write-up's check: writes through " + DataCentre.MASTER.name() + "'s "
                + DataCentre.MASTER_POOL + " (" + listen + ")");
        RedisCli writer = RedisCli.of(listen);
        for (Map.Entry<String, String> w : WRITES.entrySet()) {
            String reply = writer.call("SET", w.getKey(), w.getValue());
            out.println(listen + "> set " + w.getKey() + " " + w.getValue());
            out.println(reply);
            ok &= reply.equals("OK");
        }
        d.awaitReplication();
        ok &= placement(d, out);
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (DataCentre dc : DataCentre.ALL) {
            List<String> keys = new ArrayList<>();
            ok &= reads(d, dc, keys, out);
            found.put(dc.name(), List.copyOf(keys));
        }
        return new Result(ok, found);
    }

    /** Placement in the master pool, from the masters themselves, against nutcracker's. */
    private static boolean placement(Deployment d, PrintStream out) {
        List<String> placed = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (String key : WRITES.keySet()) {
            String owner = d.ownerOf(key);
            placed.add(key + ":" + (owner == null ? "nowhere" : owner));
            if (!NC_PLACED.get(key).equals(owner)) {
                differ.add(key + " (nutcracker: " + NC_PLACED.get(key) + ")");
            }
        }
        String line = "verdict: " + DataCentre.MASTER_POOL + " placed " + String.join(" ", placed);
        out.println(line + (differ.isEmpty() ? ", as nutcracker 0.5.0 does"
                : "; DIFFERENT from nutcracker 0.5.0 for " + String.join(" ", differ)));
        return differ.isEmpty();
    }

    private static boolean reads(Deployment d, DataCentre dc, List<String> foundKeys, PrintStream out) {
        String listen = d.listen(dc, DataCentre.READ_POOL);
        out.println();
        explainReadPool(d, dc, out);
        List<String> replies = RedisCli.of(listen).callAll(READS.stream().map(k -> new String[] {"GET", k}).toList());
        int total = 0;
        int seen = 0;
        int reproduced = 0;
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < READS.size(); i++) {
            String key = READS.get(i);
            String reply = replies.get(i);
            out.println(listen + "> get " + key);
            out.println(reply);
            String written = WRITES.containsKey(key) ? "\"" + WRITES.get(key) + "\"" : null;
            if (written != null) {
                total++;
                if (reply.equals(written)) {
                    foundKeys.add(key);
                } else {
                    missed.add(key);
                }
            }
            // Intended layout: every written key, and (nil) for the others. As written: whatever
            // the read pool's same-named member holds.
            String want = d.layout() == Layout.INTENDED ? (written == null ? "(nil)" : written) : d.predict(dc, key);
            if (!reply.equals(want)) {
                wrong.add(key + ": got " + reply + ", expected " + want);
            }
            String saw = WRITEUP_SAW.get(dc.name() + "/" + key);
            if (saw != null) {
                seen++;
                reproduced += reply.equals(saw) ? 1 : 0;
            }
        }
        StringBuilder line = new StringBuilder(dc.name() + " (" + listen + "): " + foundKeys.size() + " of " + total
                + " written keys found, " + missed.size() + " missed");
        if (!missed.isEmpty()) {
            line.append(" (").append(String.join(" ", missed)).append(')');
        }
        boolean ok = wrong.isEmpty();
        if (!ok) {
            line.append("; ").append(wrong.size()).append(" of ").append(READS.size()).append(" replies WRONG");
        } else if (d.layout() == Layout.INTENDED) {
            line.append("; all ").append(READS.size()).append(" replies right");
        } else {
            line.append("; all ").append(READS.size()).append(" replies as this read pool's members predict");
        }
        if (d.layout() == Layout.AS_WRITTEN) {
            line.append("; write-up's transcript: ").append(reproduced).append(" of ").append(seen).append(" lines reproduced");
            ok &= reproduced == seen;
        }
        out.println("verdict: " + line);
        wrong.forEach(w -> out.println("    wrong: " + w));
        return ok;
    }

    /** For the read pool of {@code dc}: which member replicates which master, against the master pool. */
    private static void explainReadPool(Deployment d, DataCentre dc, PrintStream out) {
        String pool = DataCentre.READ_POOL;
        String master = DataCentre.MASTER_POOL;
        out.println(dc.name() + " read pool " + pool + " (" + d.listen(dc, pool) + "), member by member, against "
                + master + ":");
        TreeSet<String> sources = new TreeSet<>();
        for (ServerConfig m : d.members(dc, pool)) {
            String src = d.layout().replicaOf(m.address());
            String want = d.memberAddr(DataCentre.MASTER, master, m.name());
            sources.add(src == null ? "" : src);
            if (src != null && src.equals(want)) {
                out.printf("    %s = %s, replica of %s = %s's %s: right%n", m.name(), m.address(), src, master, m.name());
            } else {
                out.printf("    %s = %s, replica of %s, but %s's %s is %s: WRONG, its keys are missed here%n",
                        m.name(), m.address(), src == null ? "nothing" : src, master, m.name(), want);
            }
        }
        if (sources.size() == 1) {
            out.println("    (every member replicates " + sources.first()
                    + ": this pool serves that master's keys whichever member a key routes to)");
        }
    }
}
