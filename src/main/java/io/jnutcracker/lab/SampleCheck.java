package io.jnutcracker.lab;

import io.jnutcracker.config.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A larger sample than the write-up's five keys: {@code size} keys written through the master pool
 * and read through each read pool, one command per key (not MSET/MGET: this tests plain routing).
 * The value of the i-th key is "vi". Every reply is compared with what the read pool's members
 * hold, asked directly, so a routing error shows even where the layout makes keys miss.
 */
final class SampleCheck {
    /** Where nutcracker 0.5.0 puts sample:1 .. sample:1000 in the seed's master pool (recorded with the lab). */
    static final String NC_SEQ1000_SPLIT = "redis01 209 redis02 791";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private SampleCheck() {
    }

    /**
     * "seq": sample:1 .. sample:N, as an application would name them; "random": N random
     * 12-character keys after "rnd:" (fixed seed, so every run uses the same keys).
     */
    static List<String> keys(String kind, int size) {
        if (kind.equals("seq")) {
            return IntStream.rangeClosed(1, size).mapToObj(i -> "sample:" + i).toList();
        }
        Random random = new Random(142);
        List<String> keys = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            StringBuilder k = new StringBuilder("rnd:");
            for (int j = 0; j < 12; j++) {
                k.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            keys.add(k.toString());
        }
        return keys;
    }

    /** Runs the sample of {@code kind}; false if any line was wrong. */
    static boolean run(Deployment d, String kind, int size, PrintStream out) throws IOException {
        boolean ok = true;
        List<String> keys = keys(kind, size);
        List<String> written = IntStream.rangeClosed(1, size).mapToObj(i -> "\"v" + i + "\"").toList();
        List<String[]> gets = keys.stream().map(k -> new String[] {"GET", k}).toList();
        String listen = d.listen(DataCentre.MASTER, DataCentre.MASTER_POOL);
        out.println();
        out.printf("== Sample of %d %s keys (%s .. %s) written through %s, read through each data centre%n",
                size, kind, keys.get(0), keys.get(size - 1), listen);
        List<String> sets = RedisCli.of(listen).callAll(IntStream.range(0, size)
                .mapToObj(i -> new String[] {"SET", keys.get(i), "v" + (i + 1)}).toList());
        long okWrites = sets.stream().filter("OK"::equals).count();
        if (okWrites != size) {
            out.println("verdict: writes: only " + okWrites + " of " + size + " answered OK (first reply: " + sets.get(0) + ")");
            ok = false;
        }
        d.awaitReplication();
        // Ask each master once, so a prediction per key costs nothing. A read pool with one wrong
        // member misses exactly that member's share. (The seed's fnv1a_64 is a 32-bit FNV in
        // nutcracker whose last steps multiply by 435, so keys that differ only in their last
        // characters hash close together on the ketama continuum: sequential keys are spread far
        // less evenly than random ones.)
        List<ServerConfig> masters = d.members(DataCentre.MASTER, DataCentre.MASTER_POOL);
        List<List<String>> held = new ArrayList<>();
        List<String> split = new ArrayList<>();
        for (ServerConfig m : masters) {
            List<String> content = RedisCli.of(m.address()).callAll(gets);
            held.add(content);
            split.add(m.name() + " " + content.stream().filter(r -> !r.equals("(nil)")).count());
        }
        String line = DataCentre.MASTER_POOL + " placed them: " + String.join(" ", split);
        if (kind.equals("seq") && size == 1000) {
            boolean same = String.join(" ", split).equals(NC_SEQ1000_SPLIT);
            line += same ? ", as nutcracker 0.5.0 does" : "; DIFFERENT from nutcracker 0.5.0 (" + NC_SEQ1000_SPLIT + ")";
            ok &= same;
        }
        out.println("verdict: " + line);
        int[] missedBy = new int[size];
        for (DataCentre dc : DataCentre.ALL) {
            ok &= readThrough(d, dc, kind, gets, written, masters, held, missedBy, out);
        }
        int[] counts = new int[DataCentre.ALL.size() + 1];
        for (int m : missedBy) {
            counts[m]++;
        }
        List<String> c = IntStream.of(counts).mapToObj(Integer::toString).toList();
        out.println(kind + " keys missed by 0, 1, " + DataCentre.ALL.size() + " data centres: " + String.join(", ", c));
        return ok;
    }

    private static boolean readThrough(Deployment d, DataCentre dc, String kind, List<String[]> gets, List<String> written,
                                       List<ServerConfig> masters, List<List<String>> held, int[] missedBy, PrintStream out) {
        int size = gets.size();
        String listen = d.listen(dc, DataCentre.READ_POOL);
        List<String> replies = RedisCli.of(listen).callAll(gets);
        // Predicted reply: the content of the read member named like the master holding the key.
        List<List<String>> readMembers = new ArrayList<>();
        for (ServerConfig m : masters) {
            String addr = d.memberAddr(dc, DataCentre.READ_POOL, m.name());
            readMembers.add(addr == null ? Collections.nCopies(size, "(nil)") : RedisCli.of(addr).callAll(gets));
        }
        int missed = 0;
        int wrong = 0;
        for (int i = 0; i < size; i++) {
            String predicted = "(nil)";
            for (int m = 0; m < masters.size(); m++) {
                if (!held.get(m).get(i).equals("(nil)")) {
                    predicted = readMembers.get(m).get(i);
                }
            }
            if (!replies.get(i).equals(written.get(i))) {
                missed++;
                missedBy[i]++;
            }
            wrong += replies.get(i).equals(predicted) ? 0 : 1;
        }
        String line = String.format(Locale.ROOT, "%s (%s): %d of %d %s keys missed (%.1f%%)", dc.name(), listen, missed,
                size, kind, 100.0 * missed / size);
        line += wrong > 0 ? "; " + wrong + " replies differ from what this read pool's members hold: WRONG"
                : "; every reply as this read pool's members predict";
        out.println("verdict: " + line);
        return wrong == 0 && !(d.layout() == Layout.INTENDED && missed > 0);
    }
}
