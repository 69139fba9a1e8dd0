package dev.nexus.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The probes: each client surface against each provider, as a matrix. The account pool ({@code google}) serves every
 * chat surface with the models the Go original's self-test used (its Responses probe asked Codex for {@code gpt-5.2};
 * Responses here runs on the account pool, so it asks for the chat probe's model). A chat surface reaches the Gemini
 * API or Vertex only through a route to that provider, so its probe there names a routed client model, and is skipped
 * while no route or no key exists; so is each OpenAI-compatible catalog provider that has keys. The key proxies answer
 * for their own provider only.
 */
public final class Probes {
    static final String PROMPT = "Say hello in one short sentence.";
    static final String GOOGLE_MODEL = "gemini-3-flash";
    static final String CLAUDE_MODEL = "claude-sonnet-4-5";
    static final String KEY_PROXY_MODEL = "gemini-2.5-flash";
    /** What a route to an OpenAI-compatible provider's model looks like, for the hint on a probe without one. */
    static final String CATALOG_MODEL = "vendor/model-id";
    static final String GOOGLE = "google";
    static final String GEMINI = "gemini";
    static final String VERTEX = "vertex";
    private static final String GEMINI_BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT
            + "\"}]}],\"generationConfig\":{\"maxOutputTokens\":64}}";
    private static final List<String> GEMINI_TEXT = List.of("/candidates/0/content/parts/0/text");

    /** A client surface: its path and body for a model, and where its answer's text is. */
    private record Surface(String id, String name, Function<String, String> path, Function<String, String> body,
            Map<String, String> headers, List<String> answerText) {

        Probe probe(String id, String model, String provider, Optional<Probe.Skip> skip) {
            return new Probe(id, this.id, name, path.apply(model), model, provider, body.apply(model), headers, answerText, skip);
        }
    }

    private static final Surface OPENAI_CHAT = new Surface("openai_chat", "OpenAI Chat Completions",
            m -> "/v1/chat/completions",
            m -> "{\"model\":\"" + m + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}",
            Map.of(), List.of("/choices/0/message/content"));
    private static final Surface OPENAI_RESPONSES = new Surface("openai_responses", "OpenAI Responses",
            m -> "/v1/responses",
            m -> "{\"model\":\"" + m + "\",\"store\":false,\"max_output_tokens\":64,\"input\":\"" + PROMPT + "\"}",
            Map.of(), List.of("/output_text", "/output/0/content/0/text", "/output/1/content/0/text"));
    private static final Surface ANTHROPIC = new Surface("anthropic_messages", "Anthropic Messages",
            m -> "/anthropic/v1/messages",
            m -> "{\"model\":\"" + m + "\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}",
            Map.of("anthropic-version", "2023-06-01"), List.of("/content/0/text", "/content/1/text"));
    private static final Surface GENAI = new Surface("genai_generate", "Google GenAI",
            m -> "/genai/v1beta/models/" + m + ":generateContent", m -> GEMINI_BODY, Map.of(), GEMINI_TEXT);
    private static final Surface GEMINI_API = new Surface("gemini_api_generate", "Gemini API key proxy",
            m -> "/v1beta/models/" + m + ":generateContent", m -> GEMINI_BODY, Map.of(), GEMINI_TEXT);
    private static final Surface VERTEX_API = new Surface("vertex_generate", "Vertex AI key proxy",
            m -> "/v1/publishers/google/models/" + m + ":generateContent", m -> GEMINI_BODY, Map.of(), GEMINI_TEXT);
    private static final List<Surface> CHAT_SURFACES = List.of(OPENAI_CHAT, OPENAI_RESPONSES, ANTHROPIC, GENAI);

    private Probes() {}

    /**
     * Every probe, row by row (surface) and, within a row, column by column (provider).
     *
     * @param geminiKeys whether NEXUS_GEMINI_API_KEYS is set
     * @param vertexKey whether NEXUS_VERTEX_API_KEY is set
     * @param catalog the OpenAI-compatible providers that can serve (they have keys), each with its key variable: a
     *     column each, probed through a route like the Gemini API's
     * @param routedTo a client model that an active route sends to the provider, if any
     */
    public static List<Probe> all(boolean geminiKeys, boolean vertexKey, Map<String, String> catalog,
            Function<String, Optional<String>> routedTo) {
        List<Probe> probes = new ArrayList<>();
        for (Surface surface : CHAT_SURFACES) {
            probes.add(surface.probe(surface.id(), surface == ANTHROPIC ? CLAUDE_MODEL : GOOGLE_MODEL, GOOGLE, Optional.empty()));
            probes.add(routed(surface, GEMINI, geminiKeys, "NEXUS_GEMINI_API_KEYS", KEY_PROXY_MODEL, routedTo));
            probes.add(routed(surface, VERTEX, vertexKey, "NEXUS_VERTEX_API_KEY", KEY_PROXY_MODEL, routedTo));
            catalog.forEach((id, variable) -> probes.add(routed(surface, id, true, variable, CATALOG_MODEL, routedTo)));
        }
        probes.add(GEMINI_API.probe(GEMINI_API.id(), KEY_PROXY_MODEL, GEMINI, geminiKeys ? Optional.empty()
                : Optional.of(new Probe.Skip("gemini_api_proxy_disabled", "NEXUS_GEMINI_API_KEYS is not set (set it to turn the Gemini API proxy on)"))));
        probes.add(VERTEX_API.probe(VERTEX_API.id(), KEY_PROXY_MODEL, VERTEX, vertexKey ? Optional.empty()
                : Optional.of(new Probe.Skip("vertex_proxy_disabled", "NEXUS_VERTEX_API_KEY is not set (set it to turn the Vertex AI proxy on)"))));
        return List.copyOf(probes);
    }

    private static Probe routed(Surface surface, String provider, boolean configured, String variable, String example,
            Function<String, Optional<String>> routedTo) {
        String id = surface.id() + "@" + provider;
        if (!configured) {
            return surface.probe(id, example, provider, Optional.of(new Probe.Skip(provider + "_disabled",
                    variable + " is not set (set it, then route a model to " + provider + ")")));
        }
        Optional<String> model = routedTo.apply(provider);
        if (model.isEmpty()) {
            return surface.probe(id, example, provider, Optional.of(new Probe.Skip("no_route", "no route sends a model to "
                    + provider + " (add one: nexus routes set NAME " + example + " --provider " + provider + ")")));
        }
        return surface.probe(id, model.get(), provider, Optional.empty());
    }
}
