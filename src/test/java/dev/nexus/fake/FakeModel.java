package dev.nexus.fake;

import java.util.List;

/** One entry of the fetchAvailableModels catalogue. */
public record FakeModel(
        String id, String displayName, boolean supportsThinking, boolean recommended, int maxTokens, int maxOutputTokens) {

    /**
     * A catalogue in the shape Antigravity's accounts saw in 2026. Generation refuses every other id with 404 NOT_FOUND,
     * as Cloud Code does; the fake reads nothing else into the ids.
     */
    public static List<FakeModel> defaults() {
        return List.of(
                new FakeModel("gemini-3-flash", "Gemini 3 Flash", true, true, 1_048_576, 65_536),
                new FakeModel("gemini-3-pro-high", "Gemini 3 Pro (High)", true, true, 1_048_576, 65_535),
                new FakeModel("gemini-3-pro-low", "Gemini 3 Pro (Low)", true, false, 1_048_576, 65_535),
                new FakeModel("gemini-2.5-flash", "Gemini 2.5 Flash", true, false, 1_048_576, 65_535),
                new FakeModel("gemini-2.5-flash-lite", "Gemini 2.5 Flash Lite", false, false, 1_048_576, 65_535),
                new FakeModel("claude-sonnet-4-5", "Claude Sonnet 4.5", false, true, 200_000, 64_000),
                new FakeModel("claude-sonnet-4-5-thinking", "Claude Sonnet 4.5 (Thinking)", true, true, 200_000, 64_000),
                new FakeModel("claude-opus-4-6-thinking", "Claude Opus 4.6 (Thinking)", true, true, 200_000, 64_000),
                new FakeModel("gpt-oss-120b-medium", "GPT-OSS 120B (Medium)", true, false, 131_072, 32_768));
    }
}
