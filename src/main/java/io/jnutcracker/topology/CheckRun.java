package io.jnutcracker.topology;

import io.jnutcracker.config.ServerConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The state of one check while it runs: what was asked, and what was found. One thread. */
final class CheckRun {
    final Survey survey;
    final ConfigText text = new ConfigText();
    final Locality locality;
    final int samples;
    final List<SurveyedPool> pools = new ArrayList<>();
    private final Set<Problem> problems = new LinkedHashSet<>();
    private final Set<String> notes = new LinkedHashSet<>();

    CheckRun(Survey survey, Locality locality, int samples) {
        this.survey = survey;
        this.locality = locality;
        this.samples = samples;
    }

    /** A problem on member {@code i}'s {@code servers:} line. */
    void member(ProblemKind kind, SurveyedPool pool, int i, String message, String fix, String replacement) {
        ServerConfig s = pool.server(i);
        problems.add(new Problem(kind, pool.file(), s.line(), text.line(pool.file(), s.line()), pool.pool().name(),
                s.name(), message, fix, replacement));
    }

    /**
     * A problem with a pool key: on the key's line when the pool sets it (replaced by
     * {@code replacement}), else on the pool's name line with {@code fixWhenAbsent}.
     */
    void poolKey(ProblemKind kind, SurveyedPool pool, String key, String message, String fix, String replacement,
            String fixWhenAbsent) {
        int line = text.keyLine(pool.file(), pool.pool().line(), key);
        if (line < 0) {
            pool(kind, pool, pool.pool().line(), message, fixWhenAbsent, null);
        } else {
            pool(kind, pool, line, message, fix, replacement);
        }
    }

    /** A problem of the pool as a whole, at {@code line}. */
    void pool(ProblemKind kind, SurveyedPool pool, int line, String message, String fix, String replacement) {
        problems.add(new Problem(kind, pool.file(), line, text.line(pool.file(), line), pool.pool().name(), null,
                message, fix, replacement));
    }

    void note(String note) {
        notes.add(note);
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /** "redis-slave's redis02 (127.0.99.11:6405)". */
    static String label(SurveyedPool pool, int i) {
        return pool.pool().name() + "'s " + pool.server(i).name() + " (" + Endpoint.of(pool.server(i)) + ")";
    }

    /** True when some checked pool lists {@code e} as a member. */
    boolean inAnyPool(Endpoint e) {
        return pools.stream().anyMatch(p -> p.indexOf(e) >= 0);
    }
}
