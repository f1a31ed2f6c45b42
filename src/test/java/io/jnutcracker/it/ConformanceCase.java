package io.jnutcracker.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code conformance/commands.txt}: the command, its flags, and how its reply is
 * normalised before direct and proxied replies are compared (the file's header says what each flag means).
 */
record ConformanceCase(int line, Set<String> flags, List<String> words) {
    private static final Set<String> KNOWN = Set.of("@sorted", "@ids", "@time", "@info", "@cross");

    static List<ConformanceCase> parse(String text) {
        List<ConformanceCase> cases = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            List<String> words = words(l, i + 1);
            Set<String> flags = new java.util.HashSet<>();
            while (words.get(0).startsWith("@")) {
                String flag = words.remove(0);
                if (!KNOWN.contains(flag)) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": unknown flag " + flag);
                }
                flags.add(flag);
            }
            cases.add(new ConformanceCase(i + 1, Set.copyOf(flags), List.copyOf(words)));
        }
        return cases;
    }

    boolean cross() {
        return flags.contains("@cross");
    }

    /** The arguments, with {@code $A} and {@code $B} replaced by keys on different servers. */
    String[] args(String a, String b) {
        return words.stream().map(w -> w.replace("$A", a).replace("$B", b)).toArray(String[]::new);
    }

    String normalise(String reply) {
        String r = reply;
        if (flags.contains("@ids")) {
            r = r.replaceAll("\\$\\d+\r\n\\d{13}-\\d+\r\n", "\\$<id>\r\n");
        }
        if (flags.contains("@time")) {
            r = r.replaceAll("\\d+", "N");
        }
        if (flags.contains("@info")) {
            StringBuilder kept = new StringBuilder();
            for (String l : r.split("\r\n")) {
                if (l.startsWith("redis_version:") || l.startsWith("loading:") || l.matches("db\\d+:.*")) {
                    kept.append(l.replaceAll(",avg_ttl=\\d+", "")).append('\n'); // avg_ttl is sampled
                }
            }
            r = (r.startsWith("$") ? "$" : r.substring(0, 1)) + kept;
        }
        if (flags.contains("@sorted") && r.startsWith("*")) {
            List<String> elements = elements(r);
            elements.sort(null);
            r = "*" + elements.size() + "\r\n" + String.join("", elements);
        }
        return r;
    }

    /** The elements of a flat array reply of bulk strings, integers or simple strings. */
    private static List<String> elements(String reply) {
        List<String> out = new ArrayList<>();
        int at = reply.indexOf("\r\n") + 2;
        while (at < reply.length()) {
            int end = reply.indexOf("\r\n", at) + 2;
            if (reply.charAt(at) == '$' && reply.charAt(at + 1) != '-') {
                end = reply.indexOf("\r\n", end) + 2;
            }
            out.add(reply.substring(at, end));
            at = end;
        }
        return out;
    }

    /** Words split at spaces; "..." keeps spaces and takes \n and \" escapes. */
    private static List<String> words(String l, int line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < l.length(); i++) {
            char ch = l.charAt(i);
            if (quoted) {
                if (ch == '\\' && i + 1 < l.length()) {
                    char next = l.charAt(++i);
                    w.append(next == 'n' ? '\n' : next);
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    w.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                inWord = true;
            } else if (ch == ' ') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + line + ": unclosed quote");
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
