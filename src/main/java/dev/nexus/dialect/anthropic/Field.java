package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value of the client's JSON with its path, written the way Anthropic's own errors write it
 * ({@code messages.3.content.0.source.data}), so every typed read either succeeds or fails with a
 * {@link DialectException} naming the field, what was wrong and what to send instead. Absent and {@code null} are
 * alike: both mean "not given".
 */
record Field(JsonNode node, String path) {

    static Field root(JsonNode body) {
        return new Field(body == null ? MissingNode.getInstance() : body, "");
    }

    Field get(String name) {
        return new Field(node.path(name), path.isEmpty() ? name : path + "." + name);
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** A required string; {@code hint} says what to set it to when it is missing. */
    String string(String hint) {
        if (!present()) {
            throw invalid("required; " + hint);
        }
        return optString().orElseThrow();
    }

    Optional<String> optString() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType("a string");
        }
        return Optional.of(node.textValue());
    }

    Optional<Double> optNumber() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw wrongType("a number");
        }
        return Optional.of(node.doubleValue());
    }

    Optional<Integer> optInt() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType("an integer below 2^31");
        }
        return Optional.of(node.intValue());
    }

    Optional<Boolean> optBool() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw wrongType("true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** The elements of an array that may be absent (then empty). */
    List<Field> optItems() {
        if (!present()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType("an array");
        }
        List<Field> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new Field(node.get(i), path + "." + i));
        }
        return items;
    }

    /** This field, which must be a JSON object; {@code hint} says what to send when it is missing. */
    Field object(String hint) {
        if (!present()) {
            throw invalid("required; " + hint);
        }
        if (!node.isObject()) {
            throw wrongType("an object");
        }
        return this;
    }

    /** A block's or tool's {@code type}, required. */
    String type(String hint) {
        return get("type").string(hint);
    }

    DialectException invalid(String message) {
        return DialectException.invalid(path, message);
    }

    /** "got a number; send a string". */
    DialectException wrongType(String expected) {
        return invalid("got " + describe(node) + "; send " + expected);
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            case MISSING -> "nothing";
            case BINARY -> "binary data";
        };
    }
}
