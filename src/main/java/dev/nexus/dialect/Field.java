package dev.nexus.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ClientModelName;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value of the client's JSON together with its path, so that every typed read either succeeds or fails with a
 * {@link DialectException} naming the field, what was wrong and what to send instead. Paths are written the way the
 * dialect's own errors write them: {@code messages[3].content[0].text} (OpenAI, Gemini) or
 * {@code messages.3.content.0.text} (Anthropic). Absent and {@code null} are treated alike: both mean "not given".
 */
public record Field(JsonNode node, String path, boolean dottedIndexes) {

    /** The body, with array positions written {@code [i]}. */
    public static Field root(JsonNode body) {
        return new Field(body == null ? MissingNode.getInstance() : body, "", false);
    }

    /** The body, with array positions written {@code .i} (Anthropic's style). */
    public static Field rootDotted(JsonNode body) {
        return new Field(body == null ? MissingNode.getInstance() : body, "", true);
    }

    public Field get(String name) {
        return new Field(node.path(name), path.isEmpty() ? name : path + "." + name, dottedIndexes);
    }

    public boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** A required string; {@code hint} says what to set it to when it is missing. */
    public String string(String hint) {
        return required("required; " + hint);
    }

    /** A required string; {@code whenMissing} is the whole message when it is absent. */
    public String required(String whenMissing) {
        if (!present()) {
            throw invalid(whenMissing);
        }
        return optString().orElseThrow();
    }

    /**
     * A required client model name that {@link ClientModelName} accepts (no control characters, bounded length);
     * {@code example} is a model of the dialect for the message, e.g. {@code gpt-5}.
     */
    public String modelName(String example) {
        String name = string("set it to the model to use, e.g. \"" + example + "\"");
        ClientModelName.problem(name).ifPresent(problem -> {
            throw invalid(problem);
        });
        return name;
    }

    public Optional<String> optString() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType("a string");
        }
        return Optional.of(node.textValue());
    }

    public Optional<Double> optNumber() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw wrongType("a number");
        }
        return Optional.of(node.doubleValue());
    }

    public Optional<Long> optLong() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType("an integer");
        }
        return Optional.of(node.longValue());
    }

    public Optional<Integer> optInt() {
        Optional<Long> value = optLong();
        if (value.isPresent() && (value.get() > Integer.MAX_VALUE || value.get() < Integer.MIN_VALUE)) {
            throw invalid("got " + value.get() + "; send an integer below 2^31");
        }
        return value.map(Long::intValue);
    }

    public Optional<Boolean> optBool() {
        if (!present()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw wrongType("true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** The elements of an array that may be absent (then empty). */
    public List<Field> optItems() {
        if (!present()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType("an array");
        }
        List<Field> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new Field(node.get(i), dottedIndexes ? path + "." + i : path + "[" + i + "]", dottedIndexes));
        }
        return items;
    }

    /** This field, which must be a JSON object; {@code hint} says what to send when it is missing. */
    public Field object(String hint) {
        if (!present()) {
            throw invalid("required; " + hint);
        }
        if (!node.isObject()) {
            throw wrongType("an object");
        }
        return this;
    }

    /** A block's or tool's {@code type}, required. */
    public String type(String hint) {
        return get("type").string(hint);
    }

    public DialectException invalid(String message) {
        return DialectException.invalid(path, message);
    }

    /** "got a number; send a string". */
    public DialectException wrongType(String expected) {
        return invalid("got " + describe(node) + "; send " + expected);
    }

    public static String describe(JsonNode node) {
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
