package dev.nexus.fake;

import java.util.List;

/** One entry of the fetchAvailableModels catalogue. */
public record FakeModel(
        String id, String displayName, boolean supportsThinking, boolean recommended, int maxTokens, int maxOutputTokens) {

    /** A small catalogue in the shape Antigravity saw in 2026; ids are opaque to the fake. */
    public static List<FakeModel> defaults() {
        return List.of(
                new FakeModel("gemini-3-flash", "Gemini 3 Flash", true, true, 1_048_576, 65_536),
                new FakeModel("gemini-3-pro-high", "Gemini 3 Pro (High)", true, true, 1_048_576, 65_535),
                new FakeModel("claude-sonnet-4-5", "Claude Sonnet 4.5", false, true, 200_000, 64_000),
                new FakeModel("claude-opus-4-6-thinking", "Claude Opus 4.6 (Thinking)", true, true, 200_000, 64_000),
                new FakeModel("gpt-oss-120b-medium", "GPT-OSS 120B (Medium)", true, false, 131_072, 32_768));
    }
}
