package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Canonical tool-call arguments (JSON text) as the {@code input} object Anthropic requires. Blank text is
 * {@code {}}; a JSON value that is not an object, or text that is not JSON, is kept under {@code "params"} rather
 * than lost (the same convention the Gemini dialect uses).
 */
final class ToolInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolInputs() {}

    static ObjectNode object(String arguments) {
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        if (arguments == null || arguments.isBlank()) {
            return empty;
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(arguments);
        } catch (JsonProcessingException e) {
            return empty.put("params", arguments);
        }
        if (parsed == null || parsed.isNull() || parsed.isMissingNode()) {
            return empty;
        }
        return parsed instanceof ObjectNode object ? object : empty.set("params", parsed);
    }
}
