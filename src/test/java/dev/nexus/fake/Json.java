package dev.nexus.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The fake's single Jackson mapper and the few helpers every endpoint needs. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Empty when the text is not JSON; callers answer that with a 400 of their own dialect. */
    static Optional<JsonNode> tryParse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Proto-JSON accepts a field under its camelCase or snake_case name; the first present one wins. */
    static JsonNode field(JsonNode node, String camel, String snake) {
        JsonNode value = node.get(camel);
        return value != null && !value.isNull() ? value : node.get(snake);
    }

    static String text(JsonNode node, String camel, String snake) {
        JsonNode value = field(node, camel, snake);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
