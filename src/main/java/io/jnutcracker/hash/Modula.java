package io.jnutcracker.hash;

import java.util.List;

/**
 * The modula continuum of {@code nc_modula.c}: each live server, in pool order, is expanded into
 * {@code weight} consecutive slots, and a hash goes to slot {@code hash % nslots} (unsigned).
 *
 * <p>nutcracker materialises the slots; this class keeps only each server's cumulative slot end and
 * finds the slot's owner by binary search, which places keys identically without an array as long
 * as the total weight. An ejection changes {@code nslots}, so nearly every key moves.
 */
final class Modula implements Continuum {
    /** Exclusive end slot of each live server: {@code ends[i]} = weights[0] + ... + weights[i]. */
    private final long[] ends;
    /** The pool index of each live server, in pool order. */
    private final int[] server;

    private Modula(long[] ends, int[] server) {
        this.ends = ends;
        this.server = server;
    }

    static Modula build(List<ContinuumNode> live) {
        Distribution.checkLive(live);
        long[] ends = new long[live.size()];
        int[] server = new int[live.size()];
        long slots = 0;
        for (int i = 0; i < ends.length; i++) {
            slots += live.get(i).weight();
            ends[i] = slots;
            server[i] = live.get(i).serverIndex();
        }
        return new Modula(ends, server);
    }

    /** Total slots, nutcracker's {@code ncontinuum}: the sum of the live weights. */
    long slots() {
        return ends[ends.length - 1];
    }

    @Override
    public int dispatch(int hash) {
        long slot = Integer.toUnsignedLong(hash) % slots(); // uint32_t % uint32_t: never negative
        int left = 0;
        int right = ends.length - 1;
        while (left < right) {
            int middle = (left + right) >>> 1;
            if (ends[middle] <= slot) {
                left = middle + 1;
            } else {
                right = middle;
            }
        }
        return server[left];
    }

    @Override
    public String toString() {
        return "Modula[" + server.length + " servers, " + slots() + " slots]";
    }
}
