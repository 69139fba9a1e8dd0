package dev.nexus.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One model of the fake Gemini API's catalogue, as {@code models.list} and {@code models.get} describe it. */
public record GeminiApiModel(String id, String displayName, int inputTokenLimit, int outputTokenLimit, List<String> methods,
        boolean thinking) {

    public GeminiApiModel {
        methods = List.copyOf(methods);
    }

    private static final List<String> CHAT = List.of("generateContent", "countTokens", "createCachedContent", "batchGenerateContent");

    /** A few chat models and one embedding model; ids are opaque to the fake. */
    public static List<GeminiApiModel> defaults() {
        return List.of(
                new GeminiApiModel("gemini-2.5-flash", "Gemini 2.5 Flash", 1_048_576, 65_536, CHAT, true),
                new GeminiApiModel("gemini-2.5-pro", "Gemini 2.5 Pro", 1_048_576, 65_536, CHAT, true),
                new GeminiApiModel("gemini-3-flash-preview", "Gemini 3 Flash Preview", 1_048_576, 65_536, CHAT, true),
                new GeminiApiModel("gemini-embedding-001", "Gemini Embedding 001", 2_048, 1,
                        List.of("embedContent", "countTextTokens", "countTokens"), false));
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object().put("name", "models/" + id).put("version", "001").put("displayName", displayName)
                .put("description", displayName + " (fake)")
                .put("inputTokenLimit", inputTokenLimit).put("outputTokenLimit", outputTokenLimit);
        methods.forEach(node.putArray("supportedGenerationMethods")::add);
        if (methods.contains("generateContent")) {
            node.put("temperature", 1).put("topP", 0.95).put("topK", 64).put("maxTemperature", 2);
        }
        if (thinking) {
            node.put("thinking", true);
        }
        return node;
    }
}
