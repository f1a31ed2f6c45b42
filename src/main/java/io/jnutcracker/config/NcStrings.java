package io.jnutcracker.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** nutcracker's byte-string helpers, applied to the UTF-8 bytes libyaml hands it. */
final class NcStrings {
    /**
     * {@code string_compare}: shorter first, then bytewise unsigned ({@code strncmp}). nutcracker sorts
     * servers (whose rank is the modula index and the stats order) and pools with it, so
     * {@code zz, b, aaa} sorts as {@code b, zz, aaa} ([run]).
     */
    static final Comparator<String> COMPARE = NcStrings::compare;

    private NcStrings() {
    }

    static int compare(String a, String b) {
        byte[] x = utf8(a);
        byte[] y = utf8(b);
        if (x.length != y.length) {
            return x.length < y.length ? -1 : 1;
        }
        return Arrays.compareUnsigned(x, y);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Length in bytes, which is what nutcracker's {@code len} fields count. */
    static int byteLength(String s) {
        return utf8(s).length;
    }
}
