package io.jnutcracker.topology;

/** Integers in {@code INFO} text; anything unreadable is -1, redis's own "unknown". */
final class InfoNumbers {
    private InfoNumbers() {
    }

    static long parse(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
