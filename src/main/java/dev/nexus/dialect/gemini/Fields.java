package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.nexus.dialect.DialectException;
import java.util.Optional;

/**
 * Typed reads of a client's GenAI request, in either spelling (see {@link Wire}). A value of the wrong kind is a
 * {@link DialectException} naming the field path, what was expected and what came.
 */
final class Fields {
    private Fields() {}

    static Optional<String> string(JsonNode node, String name, String path) {
        JsonNode value = Wire.field(node, name);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        expect(value.isTextual(), value, at(path, name), "a string");
        return Optional.of(value.asText());
    }

    static String requiredString(JsonNode node, String name, String path) {
        return string(node, name, path).filter(s -> !s.isEmpty())
                .orElseThrow(() -> DialectException.invalid(at(path, name), "required; give a non-empty string"));
    }

    static Optional<Double> number(JsonNode node, String name, String path) {
        JsonNode value = Wire.field(node, name);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        expect(value.isNumber(), value, at(path, name), "a number");
        return Optional.of(value.asDouble());
    }

    static Optional<Integer> integer(JsonNode node, String name, String path) {
        return number(node, name, path).map(Double::intValue);
    }

    static Optional<Boolean> bool(JsonNode node, String name, String path) {
        JsonNode value = Wire.field(node, name);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        expect(value.isBoolean(), value, at(path, name), "true or false");
        return Optional.of(value.asBoolean());
    }

    /** An object field, or a {@link MissingNode} when absent. */
    static JsonNode object(JsonNode node, String name, String path) {
        JsonNode value = Wire.field(node, name);
        expect(value.isMissingNode() || value.isObject(), value, at(path, name), "an object");
        return value;
    }

    /** An array field, or a {@link MissingNode} when absent. */
    static JsonNode array(JsonNode node, String name, String path) {
        JsonNode value = Wire.field(node, name);
        expect(value.isMissingNode() || value.isArray(), value, at(path, name), "an array");
        return value;
    }

    /** The path of a field: {@code contents[0]} and {@code role} give {@code contents[0].role}. */
    static String at(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static void expect(boolean ok, JsonNode value, String path, String expected) {
        if (!ok) {
            throw DialectException.invalid(path, "expected " + expected + ", got " + kind(value));
        }
    }

    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL, MISSING -> "nothing";
            case BINARY -> "binary data";
        };
    }
}
