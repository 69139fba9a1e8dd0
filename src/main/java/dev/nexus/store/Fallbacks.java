package dev.nexus.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A route's fallback models as stored: a JSON array of model ids, or NULL for none. */
final class Fallbacks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fallbacks() {}

    static List<String> read(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(column, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model_routes.fallbacks holds malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(List<String> fallbacks) {
        if (fallbacks.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(fallbacks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise fallbacks", e);
        }
    }
}
