package io.jnutcracker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Grafana dashboard and the Prometheus alert rules under {@code monitoring/} (docs/MONITORING.md)
 * use only what the proxy exports: every {@code nutcracker_*} name in their queries is a sample name
 * of a real scrape of the metric table ({@link PrometheusCollector} over a snapshot with a sample of
 * every metric), and every label they group or select by is one the proxy or Prometheus puts on.
 */
class MonitoringFilesTest {
    private static final Path ALERTS = Path.of("monitoring/prometheus-alerts.yml");
    private static final Path DASHBOARD = Path.of("monitoring/grafana-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\bnutcracker_[a-zA-Z0-9_]+");
    /** Label names in {@code by (...)}/{@code without (...)} and in selectors {@code {name="..."}}. */
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern MATCHER = Pattern.compile("[{,]\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    /** Ours (pool, server, command, quantile; nutcracker_info's) and Prometheus's target labels. */
    private static final Set<String> LABELS = Set.of("pool", "server", "command", "quantile", "instance", "job");

    @Test
    void alertRulesUseOnlyExportedMetrics() throws Exception {
        List<String> exprs = new ArrayList<>();
        Map<?, ?> doc = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(ALERTS));
        for (Object g : (List<?>) doc.get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
                Map<?, ?> rule = (Map<?, ?>) r;
                String name = (String) rule.get("alert");
                assertThat(name).as("alert name").startsWith("Jnutcracker");
                assertThat((String) rule.get("expr")).as(name).isNotBlank();
                assertThat(((Map<?, ?>) rule.get("labels")).get("severity")).as(name).isIn("critical", "warning");
                assertThat((String) ((Map<?, ?>) rule.get("annotations")).get("summary")).as(name).isNotBlank();
                exprs.add((String) rule.get("expr"));
            }
        }
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(10);
        assertOnlyExported(exprs);
    }

    @Test
    void dashboardQueriesUseOnlyExportedMetrics() throws Exception {
        List<String> queries = new ArrayList<>();
        int panels = 0;
        try (JsonParser p = new JsonFactory().createParser(Files.readString(DASHBOARD))) {
            while (p.nextToken() != null) { // the whole document must parse
                if (p.currentToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.VALUE_STRING && (field.equals("expr") || field.equals("definition"))) {
                        queries.add(p.getText());
                    } else if (value == JsonToken.VALUE_STRING && field.equals("title")) {
                        panels++;
                    }
                }
            }
        }
        assertThat(panels).as("titled panels").isGreaterThanOrEqualTo(15);
        assertThat(queries).hasSizeGreaterThanOrEqualTo(20);
        assertOnlyExported(queries);
    }

    @Test
    void anUnknownMetricOrLabelIsCaught() {
        Set<String> exported = exportedNames();
        assertThat(unknownMetrics(List.of("rate(nutcracker_requests_total[5m])"), exported)).isEmpty();
        assertThat(unknownMetrics(List.of("rate(nutcracker_requests[5m])"), exported)).containsExactly("nutcracker_requests");
        assertThat(unknownLabels(List.of("sum by (pool, host) (x{server=\"a\"})"))).containsExactly("host");
    }

    private static void assertOnlyExported(List<String> queries) {
        assertThat(unknownMetrics(queries, exportedNames())).as("metric names not in the metric table").isEmpty();
        assertThat(unknownLabels(queries)).as("labels the proxy does not set").isEmpty();
    }

    /** The sample names of a scrape: families, plus _total, _count, _sum as the text format writes them. */
    private static Set<String> exportedNames() {
        try {
            PrometheusText prom = PrometheusText.parse(PrometheusCollectorTest.scrape(
                    PrometheusCollectorTest.sampleSnapshot()));
            Set<String> names = new HashSet<>();
            prom.samples.forEach(s -> names.add(s.name()));
            return names;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> unknownMetrics(List<String> queries, Set<String> exported) {
        Set<String> unknown = new HashSet<>();
        for (String q : queries) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                if (!exported.contains(m.group())) {
                    unknown.add(m.group());
                }
            }
        }
        return unknown;
    }

    private static Set<String> unknownLabels(List<String> queries) {
        Set<String> unknown = new HashSet<>();
        for (String q : queries) {
            Matcher g = GROUPING.matcher(q);
            while (g.find()) {
                for (String label : g.group(1).split(",")) {
                    if (!label.isBlank() && !LABELS.contains(label.strip())) {
                        unknown.add(label.strip());
                    }
                }
            }
            Matcher m = MATCHER.matcher(q);
            while (m.find()) {
                if (!LABELS.contains(m.group(1))) {
                    unknown.add(m.group(1));
                }
            }
        }
        return unknown;
    }
}
