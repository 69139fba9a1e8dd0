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
        if (value == null || value.isNull()) {
            value = node.get(snake(camelName));
        }
        return value == null || value.isNull() ? MissingNode.getInstance() : value;
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

    static String snake(String camelName) {
        StringBuilder out = new StringBuilder(camelName.length() + 4);
        for (char c : camelName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
