package io.jnutcracker.topology;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Sample keys for miss estimates: random printable keys of 4 to 24 characters from a fixed seed, so
 * a check gives the same estimate every run. Random keys, not {@code key:1 .. key:N}: sequential keys
 * are spread unevenly by some of nutcracker's hashes (docs/LAB.md), random ones estimate the share
 * of a real key space.
 */
final class KeySample {
    static final long SEED = 142;
    private static final byte[] ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_-.".getBytes(StandardCharsets.US_ASCII);

    private KeySample() {
    }

    static byte[][] keys(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] k = new byte[4 + random.nextInt(21)];
            for (int j = 0; j < k.length; j++) {
                k[j] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            keys[i] = k;
        }
        return keys;
    }
}
