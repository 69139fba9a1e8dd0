package dev.nexus.gateway;

import java.util.List;
import java.util.Locale;

/** The client API family a request arrived on; decides which providers may answer it (seed §6.4). */
public enum Protocol {
    /** OpenAI Chat Completions and Responses. */
    OPENAI(List.of("openai.chat", "openai.responses")),
    /** Google GenAI ({@code generateContent}). */
    GENAI(List.of("genai")),
    /** Anthropic Messages. */
    ANTHROPIC(List.of("anthropic"));

    private final List<String> capabilities;

    Protocol(List<String> capabilities) {
        this.capabilities = capabilities;
    }

    /** The lower-case name used in messages and JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The capability names {@code GET /api/providers} lists for a provider serving this protocol. */
    public List<String> capabilities() {
        return capabilities;
    }
}
