package io.jnutcracker.hash;

import static io.jnutcracker.hash.HashFunctionTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** server_pool_idx's tag rules (REFERENCE.md §2.1). */
class HashTagTest {
    private static final HashTag BRACES = new HashTag((byte) '{', (byte) '}');
    private static final HashTag DOLLARS = new HashTag((byte) '$', (byte) '$');

    @ParameterizedTest(name = "{0} with {1} hashes {2}")
    @CsvSource(delimiter = ' ', value = {
        "x{u1}y {} u1",
        "a}b{ {} a}b{",       // close before open, and open without close: whole key
        "{}a {} {}a",         // empty content: whole key
        "{a{b}c} {} a{b",     // first open, then the first close after it
        "{a}{b} {} a",
        "ab}c{d}e {} d",
        "{ {} {",
        "plain {} plain",
        "a$b$c $$ b",
        "$$x $$ $$x",
        "x$y $$ x$y",
        "$k$$ $$ k",
    })
    void selectsTheTaggedRange(String key, String tag, String hashed) {
        HashTag t = tag.equals("{}") ? BRACES : DOLLARS;
        assertThat(hashedPart(t, key)).isEqualTo(hashed);
    }

    @Test
    void rangeIsAbsoluteWithinALargerBuffer() {
        ByteBuf buf = Unpooled.copiedBuffer("GET x{u1}y\r\n", StandardCharsets.US_ASCII);
        try {
            long range = BRACES.range(buf, 4, 6);
            assertThat(HashTag.start(range)).isEqualTo(6);
            assertThat(HashTag.length(range)).isEqualTo(2);
            // The close byte just past the key's end must not be found.
            ByteBuf tail = Unpooled.copiedBuffer("a{bc}", StandardCharsets.US_ASCII);
            try {
                long whole = BRACES.range(tail, 0, 4);
                assertThat(HashTag.start(whole)).isZero();
                assertThat(HashTag.length(whole)).isEqualTo(4);
            } finally {
                tail.release();
            }
        } finally {
            buf.release();
        }
    }

    @Test
    void configuredValue() {
        assertThat(HashTag.ofNullable(null)).isNull();
        assertThat(HashTag.ofNullable(new byte[0])).isNull();
        assertThat(HashTag.ofNullable(bytes("{}"))).isEqualTo(BRACES);
        assertThatThrownBy(() -> HashTag.ofNullable(bytes("{"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashTag.ofNullable(bytes("{}}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void highBytesMatchAsBytes() {
        HashTag high = new HashTag((byte) 0xab, (byte) 0xcd);
        byte[] key = {'x', (byte) 0xab, 'k', (byte) 0xcd};
        long range = high.range(Unpooled.wrappedBuffer(key), 0, key.length);
        assertThat(HashTag.start(range)).isEqualTo(2);
        assertThat(HashTag.length(range)).isEqualTo(1);
    }

    private static String hashedPart(HashTag tag, String key) {
        byte[] b = bytes(key);
        long range = tag.range(Unpooled.wrappedBuffer(b), 0, b.length);
        return new String(b, HashTag.start(range), HashTag.length(range), StandardCharsets.ISO_8859_1);
    }
}
