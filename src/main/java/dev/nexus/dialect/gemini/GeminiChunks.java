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
        Map<Integer, Fold> candidates = new TreeMap<>();
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
                candidates.computeIfAbsent(index, Fold::new).add(candidate);
            }
        }
        if (!candidates.isEmpty()) {
            ArrayNode list = merged.putArray("candidates");
            candidates.values().forEach(fold -> list.add(fold.finish()));
        }
        return merged;
    }

    /**
     * One candidate as its chunks arrive. The text that consecutive deltas add to the last part grows in a builder and
     * is written into the part once it is complete, so a long answer costs one pass, not a copy per chunk.
     */
    private static final class Fold {
        private final ObjectNode candidate = JsonNodeFactory.instance.objectNode();
        private final ObjectNode content;
        private final ArrayNode parts;
        /** The last part while it is plain text that later deltas may extend, else null. */
        private ObjectNode openText;
        private StringBuilder text;
        private boolean extended;

        Fold(int index) {
            content = candidate.putObject("content");
            content.put("role", "model");
            parts = content.putArray("parts");
            candidate.put("index", index);
        }

        void add(JsonNode chunk) {
            for (Iterator<Map.Entry<String, JsonNode>> it = chunk.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("content")) {
                    if (field.getValue().has("role")) {
                        content.set("role", field.getValue().get("role"));
                    }
                    field.getValue().path("parts").forEach(this::append);
                } else {
                    candidate.set(field.getKey(), field.getValue().deepCopy());
                }
            }
        }

        /** Joins a text delta to the last part when both are plain text of the same kind; otherwise appends it. */
        private void append(JsonNode part) {
            if (openText != null && plainText(part)
                    && openText.path("thought").asBoolean(false) == part.path("thought").asBoolean(false)
                    && !openText.has("thoughtSignature")) {
                text.append(part.path("text").asText());
                extended = true;
                if (part.has("thoughtSignature")) {
                    openText.set("thoughtSignature", part.get("thoughtSignature"));
                }
                return;
            }
            close();
            JsonNode copy = part.deepCopy();
            parts.add(copy);
            if (copy instanceof ObjectNode object && plainText(object)) {
                openText = object;
                text = new StringBuilder(object.path("text").asText());
            }
        }

        private void close() {
            if (openText != null && extended) {
                openText.put("text", text.toString());
            }
            openText = null;
            text = null;
            extended = false;
        }

        ObjectNode finish() {
            close();
            return candidate;
        }
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
