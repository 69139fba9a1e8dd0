package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic embeddings: the same text always gives the same unit-range vector, so a test can tell which input a
 * vector belongs to without a model.
 */
final class GeminiApiEmbeddings {
    /** The vector length when the request sets no {@code outputDimensionality}; small, to keep bodies short. */
    static final int DEFAULT_DIMENSIONS = 8;

    private GeminiApiEmbeddings() {}

    /** {@code {"values":[…]}} for one EmbedContentRequest, or null when it has no text to embed. */
    static ObjectNode embed(JsonNode request) {
        JsonNode parts = request.path("content").path("parts");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            text.append(part.path("text").asText(""));
        }
        if (!parts.isArray() || parts.isEmpty()) {
            return null;
        }
        int dimensions = request.path("outputDimensionality").asInt(DEFAULT_DIMENSIONS);
        ObjectNode embedding = Json.object();
        ArrayNode values = embedding.putArray("values");
        for (double v : vector(text.toString(), Math.max(1, dimensions))) {
            values.add(v);
        }
        return embedding;
    }

    static double[] vector(String text, int dimensions) {
        double[] values = new double[dimensions];
        long h = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        for (int i = 0; i < dimensions; i++) {
            h ^= h << 13;
            h ^= h >>> 7;
            h ^= h << 17;
            values[i] = Math.round(((h >>> 11) / (double) (1L << 53) * 2 - 1) * 1e6) / 1e6;
        }
        return values;
    }
}
