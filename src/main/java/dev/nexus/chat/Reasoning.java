package dev.nexus.chat;

import java.util.Optional;

/**
 * How much the model should think. Clients say it as an effort (OpenAI {@code reasoning_effort}) or a token budget
 * (Anthropic {@code budget_tokens}, Gemini {@code thinkingBudget}); dialects convert between the two.
 *
 * @param enabled empty: the client did not say; false: thinking explicitly off
 * @param includeThoughts whether thought text should be returned to the client (summaries, reasoning_content)
 */
public record Reasoning(Optional<Boolean> enabled, Optional<Effort> effort, Optional<Integer> budgetTokens,
        Optional<Boolean> includeThoughts) {

    public static final Reasoning UNSPECIFIED = new Reasoning(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public enum Effort { NONE, MINIMAL, LOW, MEDIUM, HIGH, XHIGH }
}
