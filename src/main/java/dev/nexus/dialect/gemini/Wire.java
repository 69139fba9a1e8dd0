package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Proto-JSON field access. Google's parsers accept both {@code lowerCamelCase} and {@code snake_case} names, so
 * reads try the camelCase spelling, then the snake_case one. A JSON {@code null} reads as absent.
 */
final class Wire {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Wire() {}

    /** The field under either spelling, or a {@link MissingNode}. */
    static JsonNode field(JsonNode node, String camelName) {
        JsonNode value = node.get(camelName);
        if ((value == null || value.isNull()) && node.isObject()) {
            value = snakeSpelled(node, camelName);
        }
        return value == null || value.isNull() ? MissingNode.getInstance() : value;
    }

    /** The value under the snake_case spelling of {@code camelName}, found without building that name (hot path). */
    private static JsonNode snakeSpelled(JsonNode node, String camelName) {
        for (var it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (isSnakeOf(entry.getKey(), camelName)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Whether {@code candidate} is {@code camelName} in snake_case ({@code thoughtSignature} → {@code thought_signature}). */
    static boolean isSnakeOf(String candidate, String camelName) {
        int at = 0;
        for (int i = 0; i < camelName.length(); i++) {
            char c = camelName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (at + 1 >= candidate.length() || candidate.charAt(at) != '_' || candidate.charAt(at + 1) != Character.toLowerCase(c)) {
                    return false;
                }
                at += 2;
            } else {
                if (at >= candidate.length() || candidate.charAt(at) != c) {
                    return false;
                }
                at++;
            }
        }
        return at == candidate.length();
    }

    static boolean has(JsonNode node, String camelName) {
        return !field(node, camelName).isMissingNode();
    }

    /** The field's text, or {@code ""} when absent or not a scalar. */
    static String text(JsonNode node, String camelName) {
        JsonNode value = field(node, camelName);
        return value.isValueNode() ? value.asText() : "";
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }
}
