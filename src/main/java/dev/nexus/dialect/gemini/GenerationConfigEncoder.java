package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Generation;
import dev.nexus.chat.ResponseFormat;
import java.util.Optional;

/**
 * Sampling, output format and thinking as {@code generationConfig}; omitted when empty. For Claude targets
 * {@code maxOutputTokens} must exceed the thinking budget (Anthropic rejects otherwise): a smaller limit is raised
 * to budget + {@value #CLAUDE_ANSWER_ROOM}, so the answer keeps room after the thinking.
 */
final class GenerationConfigEncoder {
    static final int CLAUDE_ANSWER_ROOM = 4096;

    private GenerationConfigEncoder() {}

    static Optional<ObjectNode> encode(ChatRequest request, GeminiTarget target) {
        Generation g = request.generation();
        ObjectNode config = Wire.object();
        g.temperature().ifPresent(v -> config.put("temperature", v));
        g.topP().ifPresent(v -> config.put("topP", v));
        g.topK().ifPresent(v -> config.put("topK", v));
        g.maxOutputTokens().ifPresent(v -> config.put("maxOutputTokens", v));
        if (!g.stopSequences().isEmpty()) {
            ArrayNode stops = config.putArray("stopSequences");
            g.stopSequences().forEach(stops::add);
        }
        g.seed().ifPresent(v -> config.put("seed", v));
        g.presencePenalty().ifPresent(v -> config.put("presencePenalty", v));
        g.frequencyPenalty().ifPresent(v -> config.put("frequencyPenalty", v));
        g.candidateCount().ifPresent(v -> config.put("candidateCount", v));
        switch (request.responseFormat()) {
            case ResponseFormat.Text ignored -> { }
            case ResponseFormat.JsonObject ignored -> config.put("responseMimeType", "application/json");
            case ResponseFormat.JsonSchema schema -> {
                config.put("responseMimeType", "application/json");
                config.set("responseJsonSchema", schema.schema());
            }
        }
        ThinkingConfigs.encode(request.reasoning(), target).ifPresent(thinking -> {
            config.set("thinkingConfig", thinking);
            int budget = thinking.path("thinkingBudget").asInt(0);
            if (target.isClaude() && budget > 0 && g.maxOutputTokens().filter(max -> max <= budget).isPresent()) {
                config.put("maxOutputTokens", budget + CLAUDE_ANSWER_ROOM);
            }
        });
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
    }
}
