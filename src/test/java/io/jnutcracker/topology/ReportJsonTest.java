package io.jnutcracker.topology;

import static io.jnutcracker.topology.SeedLayouts.DETAIL01;
import static io.jnutcracker.topology.SeedLayouts.DETAIL02;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code check --json}: well-formed, and the fields scripts read. */
class ReportJsonTest {

    @Test
    void seedAsWritten() throws Exception {
        StringWriter out = new StringWriter();
        ReportJson.write(SeedLayouts.check(SeedLayouts.asWritten(), DETAIL01, DETAIL02), out);
        String json = out.toString();

        List<String> fields = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    fields.add(p.currentName());
                }
            }
        }
        assertThat(fields).contains("ok", "samples", "serversAsked", "pools", "problems", "notes", "role", "master",
                "predictedMissShare", "members", "holds", "local", "linkStatus", "lagBytes", "lagSeconds", "kind",
                "lineText", "replacement");
        assertThat(json).contains("\"ok\" : false")
                .contains("\"lineText\" : \"- 192.168.99.11:6405:1 redis02\"")
                .contains("\"replacement\" : \"- 192.168.99.11:6404:1 redis02\"")
                .contains("\"kind\" : \"mis-paired\"")
                .contains("\"category\" : \"locality\"")
                .endsWith("}\n");
    }
}
