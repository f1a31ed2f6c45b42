package io.jnutcracker.config;

/**
 * A directive value nutcracker rejects. The reason is the tail nutcracker appends to
 * {@code directive "<key>" }, e.g. {@code is not a number}; the loader adds the key, file and line.
 */
final class InvalidValue extends Exception {
    InvalidValue(String reason) {
        super(reason, null, false, false);
    }

    InvalidValue(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    String reason() {
        return getMessage();
    }
}
