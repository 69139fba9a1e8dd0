package dev.nexus.dialect.openai;

import dev.nexus.dialect.Field;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sampling, length, output format, reasoning effort and metadata. */
final class OptionsDecoder {
    private OptionsDecoder() {}

    static Generation generation(Field body) {
        Optional<Integer> n = body.get("n").optInt();
        if (n.isPresent() && n.get() > 1) {
            throw body.get("n").invalid("got " + n.get() + ", but n > 1 is not supported; send n separate requests");
        }
        if (n.isPresent() && n.get() < 1) {
            throw body.get("n").invalid("got " + n.get() + "; send 1 or leave it out");
        }
        Optional<Integer> maxTokens = positive(body.get("max_completion_tokens")).or(() -> positive(body.get("max_tokens")));
        return new Generation(body.get("temperature").optNumber(), body.get("top_p").optNumber(), Optional.empty(),
                maxTokens, stop(body.get("stop")), body.get("seed").optLong(), body.get("presence_penalty").optNumber(),
                body.get("frequency_penalty").optNumber(), Optional.empty());
    }

    private static Optional<Integer> positive(Field tokens) {
        Optional<Integer> value = tokens.optInt();
        if (value.isPresent() && value.get() < 1) {
            throw tokens.invalid("got " + value.get() + "; send a positive number of tokens or leave it out");
        }
        return value;
    }

    /** A string or an array of strings. */
    private static List<String> stop(Field stop) {
        if (stop.present() && stop.node().isTextual()) {
            return List.of(stop.node().textValue());
        }
        if (stop.present() && !stop.node().isArray()) {
            throw stop.wrongType("a string or an array of strings");
        }
        List<String> sequences = new ArrayList<>();
        for (Field sequence : stop.optItems()) {
            sequences.add(sequence.string("send a stop sequence string"));
        }
        return sequences;
    }

    static ResponseFormat responseFormat(Field body) {
        Field format = body.get("response_format");
        if (!format.present()) {
            return ResponseFormat.TEXT;
        }
        format.object("send {\"type\": \"text\" | \"json_object\" | \"json_schema\"}");
        String type = format.get("type").string("set it to text, json_object or json_schema");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> jsonSchema(format.get("json_schema").object("send {\"name\", \"schema\", \"strict\"}"));
            default -> throw format.get("type").invalid("unknown type \"" + type + "\"; use text, json_object or json_schema");
        };
    }

    /** A missing {@code schema} means any JSON value ({@code {}}). */
    private static ResponseFormat jsonSchema(Field spec) {
        String name = spec.get("name").string("set it to a name for the schema, e.g. \"answer\"");
        Field schema = spec.get("schema");
        return new ResponseFormat.JsonSchema(name, spec.get("description").optString(),
                schema.present() ? schema.object("").node().deepCopy() : JsonNodeFactory.instance.objectNode(),
                spec.get("strict").optBool().orElse(false));
    }

    /** {@code reasoning_effort}: "none" turns thinking off; "max" is the highest level, XHIGH. */
    static Reasoning reasoning(Field body) {
        Field field = body.get("reasoning_effort");
        Optional<String> value = field.optString();
        if (value.isEmpty()) {
            return Reasoning.UNSPECIFIED;
        }
        Reasoning.Effort effort = switch (value.get()) {
            case "none" -> Reasoning.Effort.NONE;
            case "minimal" -> Reasoning.Effort.MINIMAL;
            case "low" -> Reasoning.Effort.LOW;
            case "medium" -> Reasoning.Effort.MEDIUM;
            case "high" -> Reasoning.Effort.HIGH;
            case "xhigh", "max" -> Reasoning.Effort.XHIGH;
            default -> throw field.invalid("unknown effort \"" + value.get()
                    + "\"; use none, minimal, low, medium, high, xhigh or max");
        };
        return new Reasoning(Optional.of(effort != Reasoning.Effort.NONE), Optional.of(effort), Optional.empty(),
                Optional.empty());
    }

    /** {@code metadata} (strings only) plus {@code user} under the key "user". */
    static Map<String, String> metadata(Field body) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Field given = body.get("metadata");
        if (given.present()) {
            given.object("send an object of string values");
            given.node().fieldNames().forEachRemaining(key -> metadata.put(key,
                    given.get(key).string("send a string value")));
        }
        body.get("user").optString().ifPresent(user -> metadata.put("user", user));
        return metadata;
    }
}
