package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keywords of one schema node (no {@code $ref} or combinators left). The result is built from an allow-list —
 * {@code type, format, description, nullable, enum, properties, required, items, minimum, maximum} — so anything
 * Gemini does not know ({@code $schema}, {@code title}, {@code x-*}, {@code if/then/else}, …) is dropped.
 * Constraints worth telling the model are first moved into the description as a short hint.
 */
final class SchemaKeywords {
    /** Constraints Gemini rejects (or Antigravity's stricter validator does), kept as description hints. */
    private static final List<String> HINTED = List.of("minLength", "maxLength", "pattern", "minItems", "maxItems",
            "uniqueItems", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minProperties", "maxProperties",
            "default", "examples");
    /** The only formats Gemini accepts, per type; any other format becomes a hint. */
    private static final Map<String, Set<String>> FORMATS = Map.of("string", Set.of("enum", "date-time"),
            "integer", Set.of("int32", "int64"), "number", Set.of("float", "double"));

    private SchemaKeywords() {}

    static ObjectNode clean(ObjectNode schema, List<String> refs, SchemaCleaner cleaner) {
        ObjectNode out = Wire.object();
        List<String> hints = new ArrayList<>();
        type(schema, out, hints);
        if (schema.path("description").isTextual()) {
            out.put("description", schema.get("description").asText());
        }
        values(schema, out);
        format(schema, out, hints);
        for (String keyword : HINTED) {
            if (schema.has(keyword)) {
                hints.add(keyword + ": " + render(schema.get(keyword)));
            }
        }
        if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
            hints.add("no other properties allowed");
        }
        properties(schema, out, refs, cleaner);
        items(schema, out, refs, cleaner);
        for (String bound : List.of("minimum", "maximum")) {
            if (schema.path(bound).isNumber()) {
                out.set(bound, schema.get(bound));
            }
        }
        if (schema.path("nullable").asBoolean(false)) {
            out.put("nullable", true);
        }
        if (!out.has("type")) {
            if (out.has("properties")) {
                out.put("type", "object");
            } else if (out.has("items")) {
                out.put("type", "array");
            }
        }
        if (!hints.isEmpty()) {
            appendHint(out, String.join(", ", hints));
        }
        return out;
    }

    /** {@code type} as a string; a type array keeps its first non-null type and becomes nullable if it listed null. */
    private static void type(ObjectNode schema, ObjectNode out, List<String> hints) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            out.put("type", type.asText());
        } else if (type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> {
                if (t.asText().equalsIgnoreCase("null")) {
                    out.put("nullable", true);
                } else {
                    types.add(t.asText());
                }
            });
            out.put("type", types.isEmpty() ? "null" : types.getFirst());
            if (types.size() > 1) {
                hints.add("accepts " + String.join(" or ", types));
            }
        }
    }

    /** {@code const} and {@code enum}: Gemini enums are strings on a string type; a null value means nullable. */
    private static void values(ObjectNode schema, ObjectNode out) {
        List<JsonNode> raw = new ArrayList<>();
        if (schema.has("const")) {
            raw.add(schema.get("const"));
        } else {
            schema.path("enum").forEach(raw::add);
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode value : raw) {
            if (value.isNull()) {
                out.put("nullable", true);
            } else {
                values.add(render(value));
            }
        }
        if (!values.isEmpty()) {
            out.put("type", "string");
            ArrayNode list = out.putArray("enum");
            values.forEach(list::add);
        }
    }

    private static void format(ObjectNode schema, ObjectNode out, List<String> hints) {
        if (!schema.path("format").isTextual()) {
            return;
        }
        String format = schema.get("format").asText();
        String type = out.path("type").asText("").toLowerCase(Locale.ROOT);
        if (FORMATS.getOrDefault(type, Set.of()).contains(format)) {
            out.put("format", format);
        } else {
            hints.add("format: " + format);
        }
    }

    /** Cleans each property's schema; a property's boolean {@code required: true} moves to this node's list. */
    private static void properties(ObjectNode schema, ObjectNode out, List<String> refs, SchemaCleaner cleaner) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> {
            if (name.isTextual()) {
                required.add(name.asText());
            }
        });
        if (schema.path("properties").isObject()) {
            ObjectNode properties = out.putObject("properties");
            for (var property : schema.get("properties").properties()) {
                JsonNode value = property.getValue();
                if (value.isBoolean() && !value.asBoolean()) {
                    continue;
                }
                if (value.path("required").isBoolean() && value.get("required").asBoolean()) {
                    required.add(property.getKey());
                }
                properties.set(property.getKey(), cleaner.node(value, refs));
            }
        }
        if (!required.isEmpty()) {
            ArrayNode list = out.putArray("required");
            required.forEach(list::add);
        }
    }

    /** {@code items} must be one schema: a tuple ({@code items} or {@code prefixItems} array) keeps its first. */
    private static void items(ObjectNode schema, ObjectNode out, List<String> refs, SchemaCleaner cleaner) {
        JsonNode items = schema.has("items") ? schema.get("items") : schema.path("prefixItems");
        if (items.isArray()) {
            items = items.path(0);
        }
        if (items.isObject()) {
            out.set("items", cleaner.node(items, refs));
        }
    }

    /** Drops {@code required} names that no longer match a property, and an empty list. */
    static void pruneRequired(ObjectNode schema) {
        if (!schema.has("required")) {
            return;
        }
        JsonNode properties = schema.path("properties");
        ArrayNode kept = Wire.JSON.arrayNode();
        schema.get("required").forEach(name -> {
            if (properties.has(name.asText())) {
                kept.add(name.asText());
            }
        });
        if (kept.isEmpty()) {
            schema.remove("required");
        } else {
            schema.set("required", kept);
        }
    }

    static void appendHint(ObjectNode schema, String hint) {
        String description = schema.path("description").asText("");
        schema.put("description", description.isEmpty() ? hint : description + " (" + hint + ")");
    }

    private static String render(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
