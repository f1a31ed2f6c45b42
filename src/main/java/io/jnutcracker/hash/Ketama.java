package io.jnutcracker.hash;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The ketama continuum of {@code nc_ketama.c}: a ring of md5 points, each owned by a live server.
 *
 * <p>Build ({@code ketama_update}): a server of weight {@code w} gets
 * {@link #points(int, long, int)} points, named {@code <name>-<i>} for {@code i} from 0; each
 * name's md5 digest yields four points, its four little-endian words. The points are sorted by
 * unsigned value; glibc's {@code qsort} is a merge sort here, so ties keep insertion order, and
 * this class sorts stably too.
 *
 * <p>Dispatch ({@code ketama_dispatch}): the first point whose value is &gt;= the hash (unsigned),
 * wrapping to the first point past the last one.
 *
 * <p>Point names are cut to 272 bytes: 0.5.0 formats them into a 273-byte buffer
 * ({@code KETAMA_MAX_HOSTLEN} is 0x111 in the Debian 0.5.0 binary; older sources say 86) and, when
 * {@code snprintf} reports more, logs "Unexpectedly forced to truncate a hostname in ketama pool to
 * 272 characters" and hashes the first 272 bytes. Checked against the live binary with node names
 * of 269 to 300 bytes.
 */
final class Ketama implements Continuum {
    private static final int POINTS_PER_SERVER = 160;
    private static final int POINTS_PER_HASH = 4;
    /** The longest point name hashed: ketama_update's buffer less its NUL. */
    static final int MAX_POINT_NAME = 272;

    /** Point values, ascending, each XORed with {@code Integer.MIN_VALUE} so signed order is unsigned order. */
    private final int[] biased;
    /** The pool index of the server owning each point. */
    private final int[] server;

    private Ketama(int[] biased, int[] server) {
        this.biased = biased;
        this.server = server;
    }

    static Ketama build(List<ContinuumNode> live) {
        Distribution.checkLive(live);
        long totalWeight = 0;
        for (ContinuumNode node : live) {
            totalWeight += node.weight();
        }
        int[] points = new int[live.size()];
        int n = 0;
        for (int s = 0; s < points.length; s++) {
            points[s] = points(live.get(s).weight(), totalWeight, live.size());
            n += points[s];
        }
        // Sort key: biased value, then insertion order, which makes Arrays.sort a stable sort.
        long[] keyed = new long[n];
        int[] insertionOwner = new int[n];
        int[] digest = new int[4];
        int k = 0;
        for (int s = 0; s < points.length; s++) {
            ContinuumNode node = live.get(s);
            for (int i = 0; i < points[s] / POINTS_PER_HASH; i++) {
                byte[] name = pointName(node.name(), i);
                Md5.digest(Unpooled.wrappedBuffer(name), 0, name.length, digest);
                for (int word : digest) {
                    keyed[k] = ((long) (word ^ Integer.MIN_VALUE) << 32) | k;
                    insertionOwner[k++] = node.serverIndex();
                }
            }
        }
        Arrays.sort(keyed);
        int[] biased = new int[n];
        int[] owner = new int[n];
        for (int i = 0; i < n; i++) {
            biased[i] = (int) (keyed[i] >> 32);
            owner[i] = insertionOwner[(int) keyed[i]];
        }
        return new Ketama(biased, owner);
    }

    /** The bytes nutcracker hashes for point {@code i} of a server: {@code "<name>-<i>"}, cut to 272. */
    static byte[] pointName(String name, int i) {
        byte[] bytes = (name + "-" + i).getBytes(StandardCharsets.UTF_8);
        return bytes.length > MAX_POINT_NAME ? Arrays.copyOf(bytes, MAX_POINT_NAME) : bytes;
    }

    /** Ring from explicit points (unsigned values, any order); for tests of dispatch. */
    static Ketama of(int[] values, int[] servers) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Integer.compareUnsigned(values[x], values[y]));
        int[] biased = new int[values.length];
        int[] owner = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            biased[i] = values[order[i]] ^ Integer.MIN_VALUE;
            owner[i] = servers[order[i]];
        }
        return new Ketama(biased, owner);
    }

    /**
     * Points for one server, in nutcracker's single-precision arithmetic (x86-64 SSE float, which
     * Java's {@code float} matches): {@code floorf((float)(pct * 160 / 4 * nlive + 1e-10)) * 4}
     * with {@code pct = (float) w / (float) total}. Rounding can cost a server 4 points (weights 1:2
     * give 104 + 212, not 320) and can leave a light server with none (100000:1 gives 316 and 0).
     */
    static int points(int weight, long totalWeight, int nlive) {
        float pct = (float) weight / (float) (totalWeight & 0xffffffffL); // total_weight is a uint32_t
        float x = pct * POINTS_PER_SERVER / POINTS_PER_HASH * (float) nlive;
        float withEpsilon = (float) ((double) x + 0.0000000001); // the literal is a double
        return (int) ((float) Math.floor(withEpsilon) * POINTS_PER_HASH);
    }

    /** {@code ketama_hash(name, len, alignment)}: word {@code alignment} (0..3) of md5(name). */
    static int hash(byte[] name, int alignment) {
        int[] digest = new int[4];
        Md5.digest(Unpooled.wrappedBuffer(name), 0, name.length, digest);
        return digest[alignment];
    }

    @Override
    public int dispatch(int hash) {
        int key = hash ^ Integer.MIN_VALUE;
        int left = 0;
        int right = biased.length;
        while (left < right) {
            int middle = (left + right) >>> 1;
            if (biased[middle] < key) {
                left = middle + 1;
            } else {
                right = middle;
            }
        }
        return server[right == biased.length ? 0 : right];
    }

    int size() {
        return biased.length;
    }

    /** The unsigned value of point {@code i} in ring order. */
    int value(int i) {
        return biased[i] ^ Integer.MIN_VALUE;
    }

    /** The owner of point {@code i} in ring order. */
    int owner(int i) {
        return server[i];
    }

    @Override
    public String toString() {
        return "Ketama[" + biased.length + " points]";
    }
}
