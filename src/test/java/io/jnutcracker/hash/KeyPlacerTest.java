package io.jnutcracker.hash;

import static io.jnutcracker.hash.HashFunctionTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** server_pool_idx end to end (REFERENCE.md §2.1, §2.3, §7.5). */
class KeyPlacerTest {
    /** The seed's pools: fnv1a_64 + ketama over node names redis01, redis02 (pool indexes 0, 1). */
    private static final List<ContinuumNode> SEED = List.of(
            new ContinuumNode(0, "redis01", 1), new ContinuumNode(1, "redis02", 1));
    private static final KeyPlacer SEED_PLACER = KeyPlacer.of(HashFunction.FNV1A_64, Distribution.KETAMA, null, SEED);

    @ParameterizedTest
    @ValueSource(strings = {"k1", "p1", "product", "k2"})
    void seedKeysOnRedis01(String key) {
        assertThat(SEED_PLACER.serverIndex(bytes(key))).isEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "hello1", "hell1", "foo", "bar"})
    void seedKeysOnRedis02(String key) {
        assertThat(SEED_PLACER.serverIndex(bytes(key))).isEqualTo(1);
    }

    @Test
    void hashTagIsAppliedBeforeHashing() {
        KeyPlacer tagged = KeyPlacer.of(HashFunction.FNV1A_64, Distribution.KETAMA, bytes("{}"), SEED);
        assertThat(tagged.serverIndex(bytes("hello{k1}"))).isEqualTo(0);
        assertThat(tagged.serverIndex(bytes("{k1}hello"))).isEqualTo(0);
        assertThat(tagged.serverIndex(bytes("k1{hello}"))).isEqualTo(1);
        assertThat(tagged.serverIndex(bytes("{}k1"))).isEqualTo(SEED_PLACER.serverIndex(bytes("{}k1")));
        // Without a tag the braces are just bytes of the key.
        assertThat(SEED_PLACER.serverIndex(bytes("{k1}hello"))).isEqualTo(
                Ketama.build(SEED).dispatch(HashFunction.FNV1A_64.hash(bytes("{k1}hello"))));
    }

    /** An empty key hashes to 0, not to fnv1a_64("") = 2216829733: it goes to the lowest point's owner. */
    @Test
    void emptyKeyHashesToZero() {
        Ketama ring = Ketama.build(SEED);
        int lowest = ring.owner(0);
        assertThat(ring.dispatch(HashFunction.FNV1A_64.hash(new byte[0]))).isNotEqualTo(lowest);
        assertThat(SEED_PLACER.serverIndex(new byte[0])).isEqualTo(lowest);
    }

    @Test
    void crc32WithKetamaSendsEveryKeyToTheLowestPointsOwner() {
        KeyPlacer crc = KeyPlacer.of(HashFunction.CRC32, Distribution.KETAMA, null, SEED);
        int lowest = Ketama.build(SEED).owner(0);
        for (String key : new String[] {"k1", "p1", "product", "k2", "hello", "hello1", "hell1", "foo", "bar"}) {
            assertThat(crc.serverIndex(bytes(key))).isEqualTo(lowest);
        }
    }

    /** With one live server nothing is hashed: every key, tagged or empty, goes to it. */
    @ParameterizedTest
    @EnumSource(Distribution.class)
    void oneLiveServerNeverHashes(Distribution d) {
        KeyPlacer one = KeyPlacer.of(HashFunction.MD5, d, bytes("{}"), List.of(new ContinuumNode(3, "x", 2)));
        for (String key : new String[] {"", "a", "{b}", "{}", "hello world"}) {
            assertThat(one.serverIndex(bytes(key))).isEqualTo(3);
        }
    }

    @Test
    void modulaPlacesByUnsignedHashModuloTheSlots() {
        List<ContinuumNode> live = List.of(new ContinuumNode(0, "a", 1), new ContinuumNode(1, "b", 2));
        KeyPlacer modula = KeyPlacer.of(HashFunction.FNV1A_64, Distribution.MODULA, null, live);
        int[] slots = {0, 1, 1};
        for (String key : new String[] {"apple", "foo", "key1", "hello world"}) {
            long hash = Integer.toUnsignedLong(HashFunction.FNV1A_64.hash(bytes(key)));
            assertThat(modula.serverIndex(bytes(key))).as(key).isEqualTo(slots[(int) (hash % 3)]);
        }
        // "foo" hashes to 4275688823 (above 2^31): 4275688823 % 3 = 2 -> server 1.
        assertThat(modula.serverIndex(bytes("foo"))).isEqualTo(1);
    }

    @Test
    void randomPicksPerCallWhateverTheKey() {
        int[] script = {0, 1, 1, 0};
        int[] next = {0};
        KeyPlacer random = KeyPlacer.of(HashFunction.FNV1A_64, Distribution.RANDOM, bytes("{}"), SEED,
                new java.util.random.RandomGenerator() {
                    @Override
                    public long nextLong() {
                        throw new AssertionError();
                    }

                    @Override
                    public int nextInt(int bound) {
                        return script[next[0]++];
                    }
                });
        for (int expected : script) {
            assertThat(random.serverIndex(bytes("{same}key"))).isEqualTo(expected);
        }
    }

    @Test
    void readsTheKeyInPlace() {
        ByteBuf buf = Unpooled.directBuffer().writeBytes(bytes("*2\r\n$3\r\nGET\r\n$5\r\nhello\r\n"));
        try {
            buf.readerIndex(4);
            assertThat(SEED_PLACER.serverIndex(buf, 17, 5)).isEqualTo(1);   // "hello"
            assertThat(SEED_PLACER.serverIndex(buf, 17, 4)).isEqualTo(
                    SEED_PLACER.serverIndex(bytes("hell")));
            assertThat(buf.readerIndex()).isEqualTo(4);
        } finally {
            buf.release();
        }
    }

    @Test
    void rejectsAMalformedTagOrNoServers() {
        assertThatThrownBy(() -> KeyPlacer.of(HashFunction.MD5, Distribution.KETAMA, bytes("{"), SEED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyPlacer.of(HashFunction.MD5, Distribution.KETAMA, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
