package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.selftest.Probe;
import dev.nexus.selftest.ProbeResult;

/** The JSON of self-test probes and their results, shared by {@code /api/test} and {@code nexus doctor --json}. */
public final class ProbeJson {
    private ProbeJson() {}

    public static ObjectNode result(ProbeResult r) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("endpoint", r.endpoint())
                .put("path", r.path())
                .put("model", r.model())
                .put("provider", r.provider())
                .put("mapped_model", r.mappedModel())
                .put("status_code", r.statusCode())
                .put("duration_ms", r.durationMs())
                .put("content_type", r.contentType())
                .put("success", r.success())
                .put("skipped", r.skipped());
        node.put("reason", r.reason().orElse(null));
        return node.put("snippet", r.snippet()).put("route", r.route()).put("at", r.at().toString());
    }

    public static ObjectNode probe(Probe p) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("endpoint", p.id())
                .put("name", p.name())
                .put("path", p.path())
                .put("model", p.model())
                .put("provider", p.provider())
                .put("enabled", p.skip().isEmpty());
        node.put("skip_reason", p.skip().map(s -> s.code() + ": " + s.reason()).orElse(null));
        return node;
    }
}
