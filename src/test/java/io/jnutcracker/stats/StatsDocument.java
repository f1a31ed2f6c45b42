package io.jnutcracker.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stats document (nutcracker's or ours) read into ordered maps, so tests can compare field names
 * and their order as well as values: numbers are {@code Long}, strings {@code String}, nested
 * objects {@code Map}. Strict: Jackson refuses anything that is not one valid JSON object.
 */
public final class StatsDocument {
    private static final JsonFactory JSON = new JsonFactory();

    /** The raw bytes as sent. */
    public final String text;
    /** Top level, in document order. */
    public final Map<String, Object> top;

    private StatsDocument(String text, Map<String, Object> top) {
        this.text = text;
        this.top = top;
    }

    public static StatsDocument parse(String text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + text);
            }
            Map<String, Object> top = object(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing content after the document");
            }
            return new StatsDocument(text, top);
        }
    }

    /** The document nutcracker 0.5.0 sent, recorded by tools/stats/record.py. */
    public static StatsDocument recorded() throws IOException {
        return parse(resource("nutcracker-0.5.0-stats.json"));
    }

    /**
     * The header our stats port sends: nutcracker's fields in nutcracker's order (the recorded dump),
     * then the metric table's jnutcracker-only top-level fields in table order, and nothing else.
     */
    public static List<String> expectedHeaderNames() throws IOException {
        List<String> names = new ArrayList<>(recorded().headerNames());
        for (Metric m : Metric.of(Metric.Scope.TOP)) {
            if (!m.nutcracker()) {
                names.add(m.jsonName());
            }
        }
        return names;
    }

    public static String resource(String name) throws IOException {
        try (InputStream in = StatsDocument.class.getResourceAsStream("/stats/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource stats/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads what a stats port sends (it writes and closes). */
    public static StatsDocument read(String host, int port) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(10_000);
            return parse(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    public static StatsDocument read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Header fields: the top-level entries that are not pools. */
    public List<String> headerNames() {
        List<String> names = new ArrayList<>();
        top.forEach((k, v) -> {
            if (!(v instanceof Map)) {
                names.add(k);
            }
        });
        return names;
    }

    public List<String> poolNames() {
        List<String> names = new ArrayList<>();
        top.forEach((k, v) -> {
            if (v instanceof Map) {
                names.add(k);
            }
        });
        return names;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> pool(String name) {
        Object pool = top.get(name);
        if (!(pool instanceof Map)) {
            throw new IllegalArgumentException("no pool " + name + " in " + text);
        }
        return (Map<String, Object>) pool;
    }

    /** A pool's own metric names, in order (its servers left out). */
    public List<String> poolMetricNames(String pool) {
        List<String> names = new ArrayList<>();
        pool(pool).forEach((k, v) -> {
            if (!(v instanceof Map)) {
                names.add(k);
            }
        });
        return names;
    }

    public List<String> serverNames(String pool) {
        List<String> names = new ArrayList<>();
        pool(pool).forEach((k, v) -> {
            if (v instanceof Map) {
                names.add(k);
            }
        });
        return names;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> server(String pool, String server) {
        Object s = pool(pool).get(server);
        if (!(s instanceof Map)) {
            throw new IllegalArgumentException("no server " + server + " in pool " + pool);
        }
        return (Map<String, Object>) s;
    }

    public long poolValue(String pool, String metric) {
        return (Long) pool(pool).get(metric);
    }

    public long serverValue(String pool, String server, String metric) {
        return (Long) server(pool, server).get(metric);
    }

    public long topValue(String name) {
        return (Long) top.get(name);
    }

    public String topText(String name) {
        return (String) top.get(name);
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            if (map.containsKey(key)) {
                throw new IOException("duplicate key " + key);
            }
            JsonToken v = p.nextToken();
            map.put(key, switch (v) {
                case START_OBJECT -> object(p);
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_STRING -> p.getText();
                default -> throw new IOException("unexpected " + v + " at " + key);
            });
        }
        return map;
    }
}
