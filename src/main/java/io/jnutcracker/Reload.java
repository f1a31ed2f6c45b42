package io.jnutcracker;

import java.util.List;

/**
 * What one configuration reload did (logged, and counted in stats).
 *
 * @param error why the new file was not applied (invalid, or a listen could not be bound), else null
 */
public record Reload(long epochMillis, List<String> added, List<String> removed, List<String> changed,
                     List<String> unchanged, String error) {

    public boolean applied() {
        return error == null;
    }

    @Override
    public String toString() {
        if (!applied()) {
            return "reload failed, still running the previous configuration: " + error;
        }
        return "reload applied: added " + added + ", removed " + removed + ", changed " + changed + ", unchanged "
                + unchanged;
    }
}
