package dev.nexus.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Reasoning;

/** Whether a request asks the model to think, which decides between a catalog's {@code -thinking} and plain variants. */
final class ThinkingAsked {
    private ThinkingAsked() {}

    /** Thinking switched on, a positive budget, or an effort above none. */
    static boolean by(ChatRequest request) {
        Reasoning reasoning = request.reasoning();
        if (reasoning.enabled().isPresent()) {
            return reasoning.enabled().get();
        }
        return reasoning.budgetTokens().map(b -> b != 0).orElse(false)
                || reasoning.effort().map(e -> e != Reasoning.Effort.NONE).orElse(false);
    }

    /** A Google request body whose {@code generationConfig.thinkingConfig} sets a non-zero budget, a level or thoughts. */
    static boolean by(JsonNode body) {
        JsonNode config = body.path("generationConfig").path("thinkingConfig");
        if (!config.isObject()) {
            return false;
        }
        JsonNode budget = config.path("thinkingBudget");
        return budget.isNumber() ? budget.asInt() != 0 : config.has("thinkingLevel") || config.path("includeThoughts").asBoolean(false);
    }
}
