package io.jnutcracker.hash;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The random continuum of {@code nc_random.c}: one slot per live server, weights ignored, and
 * each dispatch picks a slot uniformly at random whatever the hash ({@code random() % ncontinuum}).
 * nutcracker reseeds libc's generator with the time on reallocation; here the source is injected.
 */
final class RandomDistribution implements Continuum {
    /** Thread-safe default source: each call uses the calling thread's own generator. */
    static final RandomGenerator THREAD_LOCAL = () -> ThreadLocalRandom.current().nextLong();

    /** The pool index of each live server, in pool order. */
    private final int[] server;
    /** Must be safe for every thread that dispatches. */
    private final RandomGenerator random;

    private RandomDistribution(int[] server, RandomGenerator random) {
        this.server = server;
        this.random = random;
    }

    static RandomDistribution build(List<ContinuumNode> live, RandomGenerator random) {
        Distribution.checkLive(live);
        if (random == null) {
            throw new IllegalArgumentException("random distribution needs a random source");
        }
        int[] server = new int[live.size()];
        for (int i = 0; i < server.length; i++) {
            server[i] = live.get(i).serverIndex();
        }
        return new RandomDistribution(server, random);
    }

    @Override
    public int dispatch(int hash) {
        return server[random.nextInt(server.length)];
    }

    @Override
    public String toString() {
        return "RandomDistribution[" + server.length + " servers]";
    }
}
