package io.jnutcracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnutcracker.resp.Request;
import io.jnutcracker.resp.RequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommandTableTest {
    private static Command lookup(String name) {
        ByteBuf buf = Unpooled.copiedBuffer("xx" + name, StandardCharsets.ISO_8859_1);
        return CommandTable.lookup(buf, 2, name.length());
    }

    static Stream<Command> topLevel() {
        return CommandTable.all().stream().filter(c -> c.name().equals(c.group()));
    }

    /** A decoded request of {@code args}; the caller releases it. */
    static Request request(String... args) {
        StringBuilder resp = new StringBuilder("*" + args.length + "\r\n");
        for (String a : args) {
            resp.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        EmbeddedChannel ch = new EmbeddedChannel(new RequestDecoder(1024, 1 << 20));
        ch.writeInbound(Unpooled.copiedBuffer(resp, StandardCharsets.ISO_8859_1));
        return ch.readInbound();
    }

    private static String keys(String... args) {
        Request r = request(args);
        try {
            int[] keys = CommandTable.lookup(r).keys(r);
            if (keys == null) {
                return "malformed";
            }
            StringBuilder sb = new StringBuilder();
            for (int k : keys) {
                sb.append(sb.length() == 0 ? "" : " ").append(r.argString(k));
            }
            return sb.toString();
        } finally {
            r.release();
        }
    }

    @ParameterizedTest
    @MethodSource("topLevel")
    void everyCommandIsFoundInAnyCase(Command c) {
        assertThat(lookup(c.name())).isSameAs(c);
        assertThat(lookup(c.name().toLowerCase())).isSameAs(c);
    }

    @Test
    void unknownNamesAreNotFound() {
        assertThat(lookup("GETT")).isNull();
        assertThat(lookup("GE")).isNull();
        assertThat(lookup("")).isNull();
        assertThat(lookup("G\u00c5T")).isNull();
        assertThat(lookup("X".repeat(100))).isNull();
        assertThat(lookup("OBJECT|ENCODING")).isNull(); // subcommands only through their command
    }

    @Test
    void arityIsRedisOwnWithMsetPairs() {
        assertThat(CommandTable.byName("GET").accepts(2)).isTrue();
        assertThat(CommandTable.byName("GET").accepts(3)).isFalse();
        assertThat(CommandTable.byName("MSET").accepts(4)).isFalse();
        assertThat(CommandTable.byName("MSET").accepts(5)).isTrue();
        assertThat(CommandTable.byName("EXPIRE").accepts(4)).isTrue(); // EXPIRE k 100 NX (Redis 7)
        assertThat(CommandTable.byName("SET").accepts(2)).isFalse();
    }

    @Test
    void subcommandsAreRowsOfTheirOwn() {
        Request r = request("object", "Encoding", "k");
        try {
            Command c = CommandTable.lookup(r);
            assertThat(c.name()).isEqualTo("OBJECT|ENCODING");
            assertThat(c.keyArg()).isEqualTo(2);
        } finally {
            r.release();
        }
        Request unknown = request("OBJECT", "nosuch");
        try {
            assertThat(CommandTable.lookup(unknown).name()).isEqualTo("OBJECT");
        } finally {
            unknown.release();
        }
    }

    @Test
    void keySpecsFindTheRealKeys() {
        assertThat(keys("ZUNION", "2", "a", "b", "WITHSCORES")).isEqualTo("a b"); // not "2" (nutcracker)
        assertThat(keys("ZUNIONSTORE", "d", "2", "a", "b")).isEqualTo("d a b");
        assertThat(keys("EVAL", "s", "2", "k1", "k2", "arg")).isEqualTo("k1 k2");
        assertThat(keys("EVAL", "s", "0", "arg")).isEqualTo("");
        assertThat(keys("EVAL", "s", "5", "k1")).isEqualTo("malformed");
        assertThat(keys("LMPOP", "2", "l1", "l2", "LEFT")).isEqualTo("l1 l2");
        assertThat(keys("XREAD", "COUNT", "1", "STREAMS", "s1", "s2", "0", "0")).isEqualTo("s1 s2");
        assertThat(keys("GEORADIUS", "g", "0", "0", "1", "km", "STORE", "dst")).isEqualTo("g dst");
        assertThat(keys("GEORADIUS", "g", "0", "0", "1", "km")).isEqualTo("g");
        assertThat(keys("MSETNX", "a", "1", "b", "2")).isEqualTo("a b");
        assertThat(keys("RENAME", "a", "b")).isEqualTo("a b");
        assertThat(keys("LMOVE", "a", "b", "LEFT", "RIGHT")).isEqualTo("a b");
        assertThat(keys("SORT", "k", "BY", "w_*", "STORE", "d")).isEqualTo("k"); // Redis: unknown spec
    }

    @Test
    void everyRouteAndReasonParses() {
        assertThat(CommandTable.all()).hasSizeGreaterThan(300);
        for (Command c : CommandTable.all()) {
            assertThat(c.routing() == Routing.UNSUPPORTED).as(c.name()).isEqualTo(c.unsupported() != null);
        }
        assertThat(CommandTable.byName("ZUNION").isRead()).isTrue();
        assertThat(CommandTable.byName("ZUNIONSTORE").isRead()).isFalse();
        assertThat(CommandTable.byName("PING").beforeAuth()).isFalse();
        assertThat(CommandTable.byName("AUTH").beforeAuth()).isTrue();
    }
}
