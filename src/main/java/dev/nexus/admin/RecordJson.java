package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.monitor.RequestRecord;
import dev.nexus.monitor.Tally;

/** Request records and usage counts as the monitor API writes them (snake_case; absent values are null). */
final class RecordJson {
    private RecordJson() {}

    /** A record without bodies, as lists and the live stream show it. */
    static ObjectNode summary(RequestRecord r) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", r.id());
        node.put("started_at", r.startedAt().toString());
        node.put("request_id", r.requestId());
        node.put("method", r.method());
        node.put("path", r.path());
        node.put("surface", r.surface());
        node.put("status", r.status());
        node.put("duration_ms", r.durationMs());
        node.put("ttfb_ms", r.ttfbMs());
        node.put("client_model", r.clientModel());
        node.put("provider", r.provider());
        node.put("target_model", r.targetModel());
        node.put("account", r.account());
        node.put("account_id", r.accountId());
        node.put("key", r.keyName());
        node.put("key_id", r.keyId());
        node.put("input_tokens", r.inputTokens());
        node.put("output_tokens", r.outputTokens());
        node.put("attempts", r.attempts());
        node.put("error", r.error());
        return node;
    }

    /** A record with its bodies (null when they were not recorded). */
    static ObjectNode detail(RequestRecord r) {
        ObjectNode node = summary(r);
        node.put("request_body", r.requestBody());
        node.put("response_body", r.responseBody());
        return node;
    }

    static ObjectNode counts(ObjectNode node, Tally t) {
        node.put("requests", t.requests());
        node.put("errors", t.errors());
        node.put("input_tokens", t.inputTokens());
        node.put("output_tokens", t.outputTokens());
        return node;
    }
}
