package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Usage;

/**
 * Anthropic {@code usage} ⇄ {@link Usage}. Anthropic's {@code input_tokens} excludes cached tokens (the prompt is
 * input + cache read + cache creation), while canonical input includes them; output counts agree (thinking
 * included). Gemini-backed answers have no cache writes, so {@code cache_creation_input_tokens} is always 0, and
 * Anthropic has no field for the reasoning share of the output.
 */
final class UsageJson {
    private UsageJson() {}

    static ObjectNode write(Usage usage) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("input_tokens", Math.max(0, usage.inputTokens() - usage.cachedInputTokens()));
        json.put("cache_creation_input_tokens", 0);
        json.put("cache_read_input_tokens", usage.cachedInputTokens());
        json.put("output_tokens", usage.outputTokens());
        return json;
    }

    /** Reads an upstream's usage leniently: missing counts are zero. */
    static Usage read(JsonNode json) {
        long cached = json.path("cache_read_input_tokens").asLong(0);
        long input = json.path("input_tokens").asLong(0) + cached + json.path("cache_creation_input_tokens").asLong(0);
        return new Usage(input, json.path("output_tokens").asLong(0), cached, 0);
    }
}
