package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the chunks of a streamed GenerateContentResponse into the one response a unary call would have given: parts
 * of each candidate in order, consecutive text of the same kind (answer or thought) joined, every other candidate
 * field and the top-level fields (usage, model version, prompt feedback) as last sent.
 */
public final class GeminiChunks {
    private GeminiChunks() {}

    public static ObjectNode merge(List<JsonNode> chunks) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        Map<Integer, ObjectNode> candidates = new TreeMap<>();
        for (JsonNode chunk : chunks) {
            for (Iterator<Map.Entry<String, JsonNode>> it = chunk.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("candidates")) {
                    merged.set(field.getKey(), field.getValue().deepCopy());
                }
            }
            int position = 0;
            for (JsonNode candidate : chunk.path("candidates")) {
                int index = candidate.path("index").asInt(position++);
                ObjectNode into = candidates.computeIfAbsent(index, i -> newCandidate(i));
                mergeCandidate(into, candidate);
            }
        }
        if (!candidates.isEmpty()) {
            ArrayNode list = merged.putArray("candidates");
            candidates.values().forEach(list::add);
        }
        return merged;
    }

    private static ObjectNode newCandidate(int index) {
        ObjectNode candidate = JsonNodeFactory.instance.objectNode();
        ObjectNode content = candidate.putObject("content");
        content.put("role", "model");
        content.putArray("parts");
        candidate.put("index", index);
        return candidate;
    }

    private static void mergeCandidate(ObjectNode into, JsonNode candidate) {
        for (Iterator<Map.Entry<String, JsonNode>> it = candidate.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("content")) {
                ObjectNode content = (ObjectNode) into.get("content");
                if (field.getValue().has("role")) {
                    content.set("role", field.getValue().get("role"));
                }
                ArrayNode parts = (ArrayNode) content.get("parts");
                field.getValue().path("parts").forEach(part -> append(parts, part));
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    /** Joins a text delta to the previous part when both are plain text of the same kind; otherwise appends it. */
    private static void append(ArrayNode parts, JsonNode part) {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof ObjectNode last && plainText(last) && plainText(part)
                && last.path("thought").asBoolean(false) == part.path("thought").asBoolean(false)
                && !last.has("thoughtSignature")) {
            last.put("text", last.path("text").asText() + part.path("text").asText());
            if (part.has("thoughtSignature")) {
                last.set("thoughtSignature", part.get("thoughtSignature"));
            }
            return;
        }
        parts.add(part.deepCopy());
    }

    private static boolean plainText(JsonNode part) {
        for (Iterator<String> names = part.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("text") && !name.equals("thought") && !name.equals("thoughtSignature")) {
                return false;
            }
        }
        return part.has("text");
    }
}
