package io.jnutcracker.topology;

import java.util.List;

/**
 * What one check found: every pool, every problem (with the line to change), and notes on what
 * could not be checked. All clear when there is no problem.
 *
 * @param pools in the order of the files given, each file's pools in nutcracker's order
 * @param problems in file order, then line order
 * @param notes what was not checked, and why
 * @param samples sample keys per miss estimate
 * @param serversAsked servers asked for {@code INFO replication}, members and the masters above them
 */
public record TopologyReport(List<PoolReport> pools, List<Problem> problems, List<String> notes, int samples,
                             int serversAsked) {

    public TopologyReport {
        pools = List.copyOf(pools);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Problems about {@code pool}'s member {@code member} (pool-wide ones excluded). */
    public List<Problem> problemsOf(PoolRef pool, String member) {
        return problems.stream().filter(p -> p.file().equals(pool.file()) && p.pool().equals(pool.pool())
                && member.equals(p.member())).toList();
    }
}
