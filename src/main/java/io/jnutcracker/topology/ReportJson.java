package io.jnutcracker.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.jnutcracker.config.PoolConfig;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code jnutcracker check --json}: the report for scripts. Field names are stable; absent values
 * are {@code null}. Shape: {@code {ok, samples, serversAsked, pools: [{..., members: [...]}],
 * problems: [...], notes: [...]}} (docs/READ-POOLS.md has an example).
 */
public final class ReportJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private ReportJson() {
    }

    public static void write(TopologyReport report, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeBooleanField("ok", report.ok());
            g.writeNumberField("samples", report.samples());
            g.writeNumberField("serversAsked", report.serversAsked());
            g.writeArrayFieldStart("pools");
            for (PoolReport p : report.pools()) {
                pool(g, report, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("problems");
            for (Problem p : report.problems()) {
                problem(g, p);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : report.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void pool(JsonGenerator g, TopologyReport report, PoolReport p) throws IOException {
        PoolConfig c = p.pool();
        g.writeStartObject();
        g.writeStringField("file", p.file().toString());
        g.writeNumberField("line", c.line());
        g.writeStringField("name", c.name());
        g.writeStringField("listen", c.listen().raw());
        g.writeStringField("role", p.role().id());
        g.writeStringField("hash", c.hash().configName());
        g.writeStringField("distribution", c.distribution().configName());
        g.writeStringField("hashTag", c.hashTag() == null ? null : new String(c.hashTag(), StandardCharsets.UTF_8));
        g.writeStringField("home", p.home());
        if (p.master() == null) {
            g.writeNullField("master");
        } else {
            g.writeObjectFieldStart("master");
            g.writeStringField("file", p.master().file().toString());
            g.writeStringField("pool", p.master().pool());
            g.writeEndObject();
        }
        MissEstimate e = p.miss();
        if (e == null) {
            g.writeNullField("predictedMissShare");
        } else {
            g.writeNumberField("predictedMissShare", e.share());
            g.writeNumberField("sampledKeys", e.samples());
            g.writeNumberField("missedKeys", e.misses());
            g.writeNumberField("unknownKeys", e.unknown());
        }
        g.writeArrayFieldStart("members");
        for (int i = 0; i < p.members().size(); i++) {
            member(g, report, p, i);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void member(JsonGenerator g, TopologyReport report, PoolReport p, int i) throws IOException {
        MemberReport m = p.members().get(i);
        NodeState n = m.node();
        ReplicationInfo info = n == null ? null : n.info();
        g.writeStartObject();
        g.writeStringField("name", m.server().name());
        g.writeStringField("address", Endpoint.of(m.server()).toString());
        g.writeNumberField("line", m.server().line());
        g.writeNumberField("weight", m.server().weight());
        g.writeBooleanField("reachable", n != null && n.reachable());
        g.writeStringField("error", n == null ? null : n.error());
        g.writeStringField("role", info == null ? null : info.role());
        g.writeStringField("masterAsConfigured", info == null || !info.isReplica() ? null : info.master().toString());
        g.writeStringField("root", m.origin() == null || m.origin().root() == null ? null : m.origin().root().toString());
        g.writeStringField("replid", m.origin() == null ? null : m.origin().replid());
        g.writeStringField("holds", m.holds());
        if (m.local() == null) {
            g.writeNullField("local");
        } else {
            g.writeBooleanField("local", m.local());
        }
        g.writeStringField("linkStatus", info == null ? null : info.linkStatus());
        g.writeNumberField("lagBytes", m.lag().bytes());
        g.writeNumberField("lagSeconds", m.lag().seconds());
        if (p.miss() == null) {
            g.writeNullField("predictedMissShare");
        } else {
            g.writeNumberField("predictedMissShare", p.miss().memberShare(i));
        }
        g.writeArrayFieldStart("problems");
        for (Problem x : report.problemsOf(p.ref(), m.server().name())) {
            g.writeString(x.kind().id());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void problem(JsonGenerator g, Problem p) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", p.kind().id());
        g.writeStringField("category", p.kind().category().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("file", p.file().toString());
        g.writeNumberField("line", p.line());
        g.writeStringField("lineText", p.lineText());
        g.writeStringField("pool", p.pool());
        g.writeStringField("member", p.member());
        g.writeStringField("message", p.message());
        g.writeStringField("fix", p.fix());
        g.writeStringField("replacement", p.replacement());
        g.writeEndObject();
    }
}
