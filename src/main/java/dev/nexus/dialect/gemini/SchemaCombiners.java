package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code allOf}, {@code anyOf} and {@code oneOf}, which Gemini function declarations do not take. Branches are
 * cleaned first, then: {@code allOf} branches are merged into the node; {@code anyOf}/{@code oneOf} keep the most
 * informative non-null branch (objects with properties, then arrays, then other typed schemas; the first wins a tie),
 * except that branches which are all enums become one enum. A null branch makes the result {@code nullable}.
 */
final class SchemaCombiners {
    private SchemaCombiners() {}

    static ObjectNode allOf(ObjectNode schema, List<String> refs, SchemaCleaner cleaner) {
        JsonNode branches = schema.remove("allOf");
        ObjectNode merged = cleaner.unpruned(schema, refs);
        for (JsonNode branch : branches) {
            merge(merged, cleaner.unpruned(branch, refs));
        }
        return merged;
    }

    static ObjectNode anyOf(ObjectNode schema, List<String> refs, SchemaCleaner cleaner) {
        List<ObjectNode> choices = new ArrayList<>();
        boolean nullable = false;
        for (String keyword : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(keyword)) {
                ObjectNode cleaned = cleaner.unpruned(branch, refs);
                if (isNullOnly(cleaned)) {
                    nullable = true;
                } else {
                    choices.add(cleaned);
                }
            }
            schema.remove(keyword);
        }
        ObjectNode result = cleaner.unpruned(schema, refs);
        if (!choices.isEmpty()) {
            merge(result, choose(choices));
        }
        Set<String> types = new LinkedHashSet<>();
        choices.forEach(c -> types.add(c.path("type").asText("")));
        types.remove("");
        if (types.size() > 1) {
            SchemaKeywords.appendHint(result, "accepts " + String.join(" or ", types));
        }
        if (nullable) {
            result.put("nullable", true);
        }
        return result;
    }

    private static ObjectNode choose(List<ObjectNode> choices) {
        if (choices.stream().allMatch(c -> c.has("enum"))) {
            ObjectNode union = choices.getFirst().deepCopy();
            Set<String> values = new LinkedHashSet<>();
            choices.forEach(c -> c.path("enum").forEach(v -> values.add(v.asText())));
            ArrayNode all = union.putArray("enum");
            values.forEach(all::add);
            return union;
        }
        return choices.stream().max(Comparator.comparingInt(SchemaCombiners::informativeness)
                .thenComparing(c -> -choices.indexOf(c))).orElseThrow();
    }

    private static int informativeness(ObjectNode schema) {
        int rank = switch (schema.path("type").asText("").toLowerCase(java.util.Locale.ROOT)) {
            case "object" -> schema.path("properties").isEmpty() ? 3 : 4;
            case "array" -> 2;
            case "" -> 0;
            default -> 1;
        };
        return rank * 1000 + schema.path("properties").size() * 10 + schema.size();
    }

    private static boolean isNullOnly(ObjectNode schema) {
        if (schema.path("type").asText().equalsIgnoreCase("null")) {
            return true;
        }
        return schema.path("nullable").asBoolean(false) && !schema.has("type") && !schema.has("enum");
    }

    /**
     * Adds what {@code into} lacks from {@code from}: properties and required are united, a second description is
     * appended in parentheses, other keys are kept where {@code into} already has them.
     */
    static void merge(ObjectNode into, ObjectNode from) {
        for (var entry : from.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "properties" -> {
                    ObjectNode properties = into.has("properties") ? (ObjectNode) into.get("properties")
                            : into.putObject("properties");
                    value.properties().forEach(p -> {
                        if (!properties.has(p.getKey())) {
                            properties.set(p.getKey(), p.getValue());
                        }
                    });
                }
                case "required" -> {
                    Set<String> names = new LinkedHashSet<>();
                    into.path("required").forEach(n -> names.add(n.asText()));
                    value.forEach(n -> names.add(n.asText()));
                    ArrayNode required = into.putArray("required");
                    names.forEach(required::add);
                }
                case "description" -> {
                    if (!into.path("description").asText("").contains(value.asText())) {
                        SchemaKeywords.appendHint(into, value.asText());
                    }
                }
                default -> {
                    if (!into.has(key)) {
                        into.set(key, value);
                    }
                }
            }
        }
    }
}
