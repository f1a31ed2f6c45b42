package io.jnutcracker.topology;

/**
 * What can be wrong, most serious first (a line with several problems is printed under the first).
 * Each kind belongs to a {@link Category}, which is what the running proxy counts.
 */
public enum ProblemKind {
    /** A read member replicates another master than the master member of its name. */
    MIS_PAIRED(Category.PAIRING),
    /** A read member's name is not a member name of the master pool. */
    NAME_NOT_IN_MASTER(Category.PAIRING),
    /** A master member has no read member of its name. */
    MISSING_MEMBER(Category.PAIRING),
    /** A member without a name: ketama hashes its address, which differs between the pools. */
    UNNAMED(Category.PAIRING),
    /** Read members replicating the same master (found without a master pool to compare with). */
    SAME_SOURCE(Category.PAIRING),
    /** A read member is a master itself, not one of the master pool's. */
    NOT_A_REPLICA(Category.PAIRING),
    /** A master-pool member is a replica: writes to it fail. */
    MASTER_IS_REPLICA(Category.PAIRING),
    HASH(Category.SETTINGS),
    DISTRIBUTION(Category.SETTINGS),
    HASH_TAG(Category.SETTINGS),
    MEMBER_COUNT(Category.SETTINGS),
    WEIGHT(Category.SETTINGS),
    /** A read member outside its proxy's data centre. */
    NOT_LOCAL(Category.LOCALITY),
    /** A replica (or a replica above it) reports its link to its master down. */
    LINK_DOWN(Category.LINK),
    /** The server could not be asked. */
    UNREACHABLE(Category.REACH);

    /** Groups of kinds, as counted in {@link TopologyStatus}. */
    public enum Category {
        PAIRING, SETTINGS, LOCALITY, LINK, REACH
    }

    private final Category category;

    ProblemKind(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    /** Lower-case with dashes, for JSON and logs: {@code mis-paired}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
