package io.jnutcracker.topology;

import io.jnutcracker.config.PoolConfig;
import io.jnutcracker.hash.KeyPlacer;
import java.util.List;

/**
 * The predicted share of reads through a read pool that miss what was written through its master
 * pool. Each sample key is placed in both pools as the proxies place it; the read hits when the read
 * member it goes to holds the data of the master member it was written to ({@link Origin#sameData}).
 * Keys whose read or master member could not be read are {@code unknown}, not counted as misses.
 *
 * @param samples keys placed
 * @param misses keys whose read member holds other data than their master member
 * @param unknown keys where either member's data could not be told
 * @param missesByMember per read-pool member (pool order): misses among the keys routed to it
 * @param keysByMember per read-pool member (pool order): keys routed to it
 */
public record MissEstimate(int samples, int misses, int unknown, int[] missesByMember, int[] keysByMember) {

    public MissEstimate {
        missesByMember = missesByMember.clone();
        keysByMember = keysByMember.clone();
    }

    @Override
    public int[] missesByMember() {
        return missesByMember.clone();
    }

    @Override
    public int[] keysByMember() {
        return keysByMember.clone();
    }

    /**
     * @param readOrigins origins of {@code read}'s members, in pool order
     * @param masterOrigins origins of {@code master}'s members, in pool order
     */
    static MissEstimate of(PoolConfig read, List<Origin> readOrigins, PoolConfig master, List<Origin> masterOrigins,
            int samples) {
        KeyPlacer readPlacer = Placement.of(read);
        KeyPlacer masterPlacer = Placement.of(master);
        int misses = 0;
        int unknown = 0;
        int[] byMember = new int[read.servers().size()];
        int[] keys = new int[read.servers().size()];
        for (byte[] key : KeySample.keys(samples)) {
            int r = readPlacer.serverIndex(key);
            Origin m = masterOrigins.get(masterPlacer.serverIndex(key));
            Origin o = readOrigins.get(r);
            keys[r]++;
            if (o.replid() == null || m.replid() == null) {
                unknown++;
            } else if (!o.sameData(m)) {
                misses++;
                byMember[r]++;
            }
        }
        return new MissEstimate(samples, misses, unknown, byMember, keys);
    }

    /** Misses over samples, 0..1. */
    public double share() {
        return samples == 0 ? 0 : (double) misses / samples;
    }

    /** Share of all samples that route to member {@code index} and miss. */
    public double memberShare(int index) {
        return samples == 0 ? 0 : (double) missesByMember[index] / samples;
    }

    /** "55.3%". */
    static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
    }
}
