package io.jnutcracker.hash;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Key to server, as nutcracker's {@code server_pool_idx} and {@code server_pool_hash}
 * ({@code nc_server.c}): apply the hash tag, hash, then dispatch on the continuum.
 *
 * <ul>
 *   <li>The hash tag, if any, narrows the key first ({@link HashTag}).
 *   <li>An empty key hashes to 0 without calling the hash function (with ketama: the lowest point).
 *   <li>A pool with one server never hashes. nutcracker tests the configured count; with one live
 *       server every slot or point belongs to it anyway, so this tests the live count.
 *   <li>{@code random} never hashes, and each call picks anew (each key of a split request too).
 * </ul>
 *
 * <p>Immutable and allocation-free per ByteBuf call; rebuild it when the live set changes.
 */
public final class KeyPlacer {
    private final HashFunction hash;
    /** Null when the pool has no {@code hash_tag}. */
    private final HashTag tag;
    private final Continuum continuum;
    private final boolean usesHash;
    /** The only live server's index, or -1 when there are several. */
    private final int sole;

    private KeyPlacer(HashFunction hash, HashTag tag, Continuum continuum, boolean usesHash, int sole) {
        this.hash = hash;
        this.tag = tag;
        this.continuum = continuum;
        this.usesHash = usesHash;
        this.sole = sole;
    }

    /**
     * A placer over {@code live} (pool order, ejected servers left out).
     *
     * @param hashTagOrNull the pool's {@code hash_tag}: null or empty for none, else two bytes
     * @throws IllegalArgumentException if {@code live} is empty or the tag is not two bytes
     */
    public static KeyPlacer of(HashFunction hash, Distribution distribution, byte[] hashTagOrNull,
            List<ContinuumNode> live) {
        return of(hash, distribution, hashTagOrNull, live, RandomDistribution.THREAD_LOCAL);
    }

    /** As {@link #of(HashFunction, Distribution, byte[], List)}, with the source {@code random} draws from. */
    public static KeyPlacer of(HashFunction hash, Distribution distribution, byte[] hashTagOrNull,
            List<ContinuumNode> live, RandomGenerator random) {
        if (hash == null || distribution == null) {
            throw new IllegalArgumentException("hash and distribution are required");
        }
        HashTag tag = HashTag.ofNullable(hashTagOrNull);
        Continuum continuum = distribution.build(live, random);
        int sole = live.size() == 1 ? live.get(0).serverIndex() : -1;
        return new KeyPlacer(hash, tag, continuum, distribution.usesHash(), sole);
    }

    /** The pool index of the server for the key at {@code [index, index + length)} of {@code buf}. */
    public int serverIndex(ByteBuf buf, int index, int length) {
        if (sole >= 0) {
            return sole;
        }
        if (!usesHash) {
            return continuum.dispatch(0);
        }
        int start = index;
        int len = length;
        if (tag != null) {
            long range = tag.range(buf, index, length);
            start = HashTag.start(range);
            len = HashTag.length(range);
        }
        return continuum.dispatch(len == 0 ? 0 : hash.hash(buf, start, len));
    }

    /** The pool index of the server for {@code key}; wraps the array, so off the hot path. */
    public int serverIndex(byte[] key) {
        return serverIndex(Unpooled.wrappedBuffer(key), 0, key.length);
    }

    public HashFunction hashFunction() {
        return hash;
    }

    @Override
    public String toString() {
        return "KeyPlacer[" + hash.configName() + ", " + continuum + (tag == null ? "" : ", " + tag) + "]";
    }
}
