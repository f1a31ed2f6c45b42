package io.jnutcracker.topology;

/** What a pool is, from what its members say of themselves. */
public enum PoolRole {
    /** Every member that answered is a master: writes go here. */
    MASTER,
    /** At least one member is a replica: a read pool, to be paired with a master pool. */
    READ,
    /** No member answered. */
    UNKNOWN,
    /** Not a redis pool ({@code redis: false}): not checked. */
    SKIPPED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
