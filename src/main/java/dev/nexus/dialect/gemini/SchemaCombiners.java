package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
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
        Merge merged = new Merge(cleaner.unpruned(schema, refs));
        for (JsonNode branch : branches) {
            merged.add(cleaner.unpruned(branch, refs));
        }
        return merged.result();
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
            Merge merged = new Merge(result);
            merged.add(choose(choices));
            merged.result();
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
        ObjectNode best = choices.getFirst();
        int bestRank = informativeness(best);
        for (ObjectNode choice : choices) {
            int rank = informativeness(choice);
            if (rank > bestRank) {
                best = choice;
                bestRank = rank;
            }
        }
        return best;
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
     * Schemas merged into the first one: what it lacks is added from each next one, properties and required are
     * united, a description that is not yet one of its descriptions is appended in parentheses, other keys are kept
     * where the first already has them. Required names and descriptions are gathered as they come and written once by {@link #result()}, so
     * merging many branches costs one pass. Keys keep the position they had when they first appeared.
     */
    private static final class Merge {
        private final ObjectNode into;
        private final Set<String> required = new LinkedHashSet<>();
        private final Set<String> descriptions = new HashSet<>();
        private final StringBuilder description = new StringBuilder();

        Merge(ObjectNode into) {
            this.into = into;
            into.path("required").forEach(n -> required.add(n.asText()));
            String own = into.path("description").asText("");
            if (!own.isEmpty()) {
                descriptions.add(own);
                description.append(own);
            }
        }

        void add(ObjectNode from) {
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
                        if (!into.has("required")) {
                            into.putArray("required");
                        }
                        value.forEach(n -> required.add(n.asText()));
                    }
                    case "description" -> {
                        String text = value.asText();
                        if (!text.isEmpty() && descriptions.add(text)) {
                            if (!into.has("description")) {
                                into.put("description", "");
                            }
                            description.append(description.isEmpty() ? text : " (" + text + ")");
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

        ObjectNode result() {
            if (into.has("required")) {
                ArrayNode names = into.putArray("required");
                required.forEach(names::add);
            }
            if (!description.isEmpty()) {
                into.put("description", description.toString());
            }
            return into;
        }
    }
}
