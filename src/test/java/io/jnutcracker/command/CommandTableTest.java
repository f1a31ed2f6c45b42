package io.jnutcracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommandTableTest {
    private static Command lookup(String name) {
        ByteBuf buf = Unpooled.copiedBuffer("xx" + name, StandardCharsets.ISO_8859_1);
        return CommandTable.lookup(buf, 2, name.length());
    }

    @ParameterizedTest
    @EnumSource(Command.class)
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
    }

    @Test
    void arityFollowsNutcrackerClasses() {
        assertThat(Command.GET.arity().accepts(2)).isTrue();
        assertThat(Command.GET.arity().accepts(3)).isFalse();
        assertThat(Command.MSET.arity().accepts(4)).isFalse();
        assertThat(Command.MSET.arity().accepts(5)).isTrue();
        assertThat(Command.EVAL.arity().accepts(3)).isFalse();
        assertThat(Command.SET.arity().accepts(2)).isTrue(); // argn: Redis checks the rest
    }
}
