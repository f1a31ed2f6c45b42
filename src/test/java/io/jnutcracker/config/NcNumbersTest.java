package io.jnutcracker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NcNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "400, 400",
        "007, 7",
        "2147483647, 2147483647",
        "99999999999, 1215752191", // wraps positive: accepted by nutcracker ([run])
        "2147483648, -1",           // wraps negative: "is not a number" ([run])
        "4294967296, 0",            // wraps to 0: server_connections "cannot be 0" ([run])
        "4294967297, 1",
        "'', -1",
        "-1, -1",
        "+1, -1",
        "1.5, -1",
        "' 1', -1",
        "1e3, -1",
        "١٢, -1",                   // non-ASCII digits are not digits to nutcracker
    })
    void atoiMatchesNutcracker(String text, int expected) {
        assertThat(NcNumbers.atoi(text)).isEqualTo(expected);
    }

    @Test
    void validPort() {
        assertThat(NcNumbers.validPort(0)).isFalse();
        assertThat(NcNumbers.validPort(1)).isTrue();
        assertThat(NcNumbers.validPort(65535)).isTrue();
        assertThat(NcNumbers.validPort(65536)).isFalse();
    }

    @Test
    void strtolOctalMatchesGlibc() {
        assertThat(NcNumbers.strtolOctal("0640")).isEqualTo(OptionalLong.of(0640));
        assertThat(NcNumbers.strtolOctal(" \t+17")).isEqualTo(OptionalLong.of(017));
        assertThat(NcNumbers.strtolOctal("-1")).isEqualTo(OptionalLong.of(-1));
        assertThat(NcNumbers.strtolOctal("999")).isEqualTo(OptionalLong.of(0));
        assertThat(NcNumbers.strtolOctal("")).isEqualTo(OptionalLong.of(0));
        assertThat(NcNumbers.strtolOctal("0x10")).isEqualTo(OptionalLong.of(0));
        assertThat(NcNumbers.strtolOctal("777777777777777777777")).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
        assertThat(NcNumbers.strtolOctal("1000000000000000000000")).isEmpty(); // 2^63: ERANGE
        assertThat(NcNumbers.strtolOctal("-1000000000000000000000")).isEqualTo(OptionalLong.of(Long.MIN_VALUE));
    }
}
