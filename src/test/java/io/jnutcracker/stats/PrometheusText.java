package io.jnutcracker.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample, each sample must belong to a family declared by a
 * {@code # TYPE} line before it (with the suffixes its type allows), label names and values must be
 * well formed and escaped, values must be numbers (or NaN, +Inf, -Inf). Anything else throws.
 */
public final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*";
    private static final String VALUE = "(?:[-+]?(?:\\d+\\.?\\d*(?:[eE][-+]?\\d+)?|\\.\\d+(?:[eE][-+]?\\d+)?)|NaN|[+-]Inf)";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{((?:" + LABEL + "=\"(?:\\\\[\\\\\"n]|[^\"\\\\\\n])*\",?)*)\\})? (" + VALUE + ")(?: -?\\d+)?");
    private static final Pattern LABEL_PAIR = Pattern.compile("(" + LABEL + ")=\"((?:\\\\[\\\\\"n]|[^\"\\\\\\n])*)\"");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Family name to its type, in order of appearance. */
    public final Map<String, String> types = new LinkedHashMap<>();
    public final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        PrometheusText t = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a newline");
        }
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                continue;
            }
            if ((m = TYPE.matcher(line)).matches()) {
                if (t.types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("line " + lineNo + ": family declared twice: " + line);
                }
                continue;
            }
            if (line.startsWith("#")) {
                throw new IllegalArgumentException("line " + lineNo + ": bad comment: " + line);
            }
            if (!(m = SAMPLE.matcher(line)).matches()) {
                throw new IllegalArgumentException("line " + lineNo + ": not a sample: " + line);
            }
            String name = m.group(1);
            if (family(t.types, name) == null) {
                throw new IllegalArgumentException("line " + lineNo + ": sample of an undeclared family: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL_PAIR.matcher(m.group(2));
                while (l.find()) {
                    if (labels.put(l.group(1), l.group(2)) != null) {
                        throw new IllegalArgumentException("line " + lineNo + ": label twice: " + line);
                    }
                }
            }
            String v = m.group(3);
            double value = v.equals("NaN") ? Double.NaN : v.equals("+Inf") ? Double.POSITIVE_INFINITY
                    : v.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(v);
            t.samples.add(new Sample(name, labels, value));
        }
        return t;
    }

    /** The declared family a sample name belongs to, given its type's suffixes; null if none. */
    private static String family(Map<String, String> types, String sample) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_count", "_sum", "_bucket")) {
            if (sample.endsWith(suffix)) {
                String f = sample.substring(0, sample.length() - suffix.length());
                String type = types.get(f);
                if ("summary".equals(type) || "histogram".equals(type)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The one sample named {@code name} with exactly these labels (name, value pairs). */
    public double value(String name, String... labels) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            want.put(labels[i], labels[i + 1]);
        }
        List<Sample> found = samples.stream().filter(s -> s.name.equals(name) && s.labels.equals(want)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.size() + " samples " + name + want);
        }
        return found.get(0).value;
    }
}
