package io.jnutcracker;

/** Version strings for {@code -V} and the stats {@code version} field. */
public final class Version {
    /** Our own version. */
    public static final String JNUTCRACKER = "0.1.0";
    /** The nutcracker release whose behaviour, config and flags we reproduce. */
    public static final String NUTCRACKER = "0.5.0";

    private Version() {
    }
}
