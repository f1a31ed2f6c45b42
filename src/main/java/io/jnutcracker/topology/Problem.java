package io.jnutcracker.topology;

import java.nio.file.Path;

/**
 * One thing to change, at one line of one file.
 *
 * @param line 1-based line to change (a {@code servers:} entry, a pool key, or the pool's name line)
 * @param lineText that line as written, trimmed
 * @param pool the pool it concerns
 * @param member the member's name, or {@code null} for the pool as a whole
 * @param message what is wrong
 * @param fix what to do, in a few words
 * @param replacement the line to write instead, or {@code null} when the fix is not one line
 */
public record Problem(ProblemKind kind, Path file, int line, String lineText, String pool, String member,
                      String message, String fix, String replacement) {

    /** {@code file:line}. */
    public String where() {
        return file + ":" + line;
    }
}
