package dev.nexus.selftest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The probes, one per client surface, with the models the Go original's self-test used where this build serves them
 * (its Responses probe asked Codex for {@code gpt-5.2}; Responses here runs on the account pool, so it asks for the
 * chat probe's model). The key-proxy probes are skipped while their keys are unset.
 */
public final class Probes {
    static final String PROMPT = "Say hello in one short sentence.";
    static final String GOOGLE_MODEL = "gemini-3-flash";
    static final String CLAUDE_MODEL = "claude-sonnet-4-5";
    static final String KEY_PROXY_MODEL = "gemini-2.5-flash";
    private static final String GEMINI_BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT
            + "\"}]}],\"generationConfig\":{\"maxOutputTokens\":64}}";
    private static final List<String> GEMINI_TEXT = List.of("/candidates/0/content/parts/0/text");

    private Probes() {}

    /**
     * Every probe in the order the dashboard shows them.
     *
     * @param geminiKeys whether NEXUS_GEMINI_API_KEYS is set
     * @param vertexKey whether NEXUS_VERTEX_API_KEY is set
     */
    public static List<Probe> all(boolean geminiKeys, boolean vertexKey) {
        return List.of(
                new Probe("openai_chat", "OpenAI Chat Completions", "/v1/chat/completions", GOOGLE_MODEL, "google",
                        "{\"model\":\"" + GOOGLE_MODEL + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                                + PROMPT + "\"}]}",
                        Map.of(), List.of("/choices/0/message/content"), Optional.empty()),
                new Probe("openai_responses", "OpenAI Responses", "/v1/responses", GOOGLE_MODEL, "google",
                        "{\"model\":\"" + GOOGLE_MODEL + "\",\"store\":false,\"max_output_tokens\":64,\"input\":\"" + PROMPT + "\"}",
                        Map.of(), List.of("/output_text", "/output/0/content/0/text", "/output/1/content/0/text"),
                        Optional.empty()),
                new Probe("anthropic_messages", "Anthropic Messages", "/anthropic/v1/messages", CLAUDE_MODEL, "google",
                        "{\"model\":\"" + CLAUDE_MODEL + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                                + PROMPT + "\"}]}",
                        Map.of("anthropic-version", "2023-06-01"), List.of("/content/0/text", "/content/1/text"),
                        Optional.empty()),
                new Probe("genai_generate", "Google GenAI", "/genai/v1beta/models/" + GOOGLE_MODEL + ":generateContent",
                        GOOGLE_MODEL, "google", GEMINI_BODY, Map.of(), GEMINI_TEXT, Optional.empty()),
                new Probe("gemini_api_generate", "Gemini API key proxy", "/v1beta/models/" + KEY_PROXY_MODEL + ":generateContent",
                        KEY_PROXY_MODEL, "gemini", GEMINI_BODY, Map.of(), GEMINI_TEXT,
                        geminiKeys ? Optional.empty() : Optional.of(new Probe.Skip("gemini_api_proxy_disabled",
                                "NEXUS_GEMINI_API_KEYS is not set (set it to turn the Gemini API proxy on)"))),
                new Probe("vertex_generate", "Vertex AI key proxy",
                        "/v1/publishers/google/models/" + KEY_PROXY_MODEL + ":generateContent", KEY_PROXY_MODEL, "vertex",
                        GEMINI_BODY, Map.of(), GEMINI_TEXT,
                        vertexKey ? Optional.empty() : Optional.of(new Probe.Skip("vertex_proxy_disabled",
                                "NEXUS_VERTEX_API_KEY is not set (set it to turn the Vertex AI proxy on)"))));
    }
}
