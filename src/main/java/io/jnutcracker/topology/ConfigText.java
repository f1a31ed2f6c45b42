package io.jnutcracker.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The config files' text, to quote the line a problem is on and to find a pool key's line (the
 * loaded config keeps only pool and server lines). Lines are 1-based.
 */
final class ConfigText {
    private final Map<Path, List<String>> files = new HashMap<>();

    /** The line, trimmed; empty when the file cannot be read again. */
    String line(Path file, int line) {
        List<String> lines = lines(file);
        return line >= 1 && line <= lines.size() ? lines.get(line - 1).strip() : "";
    }

    /**
     * The line of {@code key:} inside the pool whose name is on {@code poolLine}, or -1 when the pool
     * does not set it. The pool's block ends at the next line that starts in column 1.
     */
    int keyLine(Path file, int poolLine, String key) {
        Pattern p = Pattern.compile("^\\s+[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*");
        List<String> lines = lines(file);
        for (int i = poolLine; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#")) {
                break;
            }
            if (p.matcher(l).matches()) {
                return i + 1;
            }
        }
        return -1;
    }

    private List<String> lines(Path file) {
        return files.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(f);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
    }
}
