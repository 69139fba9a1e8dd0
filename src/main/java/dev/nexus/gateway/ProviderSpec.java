package dev.nexus.gateway;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a provider may serve: the client model families it may answer for, the client protocols it speaks, and the
 * shape of the model ids it is asked for. The built-in providers are constants; OpenAI-compatible catalog providers
 * are made with {@link #openAiCompatible}. A build lists the ones it has in its {@link ProviderPolicy}.
 *
 * @param type {@code builtin} or {@code openai_compat}, as {@code GET /api/providers} shows it
 * @param modelIds what its model ids look like: every target, fallback and unrouted name sent to it must have this shape
 */
public record ProviderSpec(String id, String type, Set<ModelFamily> families, Set<Protocol> protocols, ModelIdShape modelIds) {
    /** Google accounts through Cloud Code: any model name, every protocol. */
    public static final ProviderSpec GOOGLE = builtIn("google", EnumSet.allOf(ModelFamily.class), EnumSet.allOf(Protocol.class),
            ModelIdShape.PLAIN);
    /**
     * ChatGPT/Codex OAuth: GPT names, from every client protocol (the Anthropic and GenAI surfaces through the canonical
     * model, as for the other built-ins; the Go original allowed the OpenAI protocol only).
     */
    public static final ProviderSpec CODEX = builtIn("codex", EnumSet.of(ModelFamily.GPT), EnumSet.allOf(Protocol.class),
            ModelIdShape.PLAIN);
    /**
     * Vertex AI express-mode key: any client name (a route decides the Gemini model), every protocol — the OpenAI and
     * Anthropic surfaces through the Gemini dialect, GenAI as it is. Wider than the Go original, which allowed GenAI only.
     */
    public static final ProviderSpec VERTEX = builtIn("vertex", EnumSet.allOf(ModelFamily.class), EnumSet.allOf(Protocol.class),
            ModelIdShape.GOOGLE_PUBLISHED);
    /** Gemini API keys: like {@link #VERTEX}, so that {@code gpt-4o → gemini/gemini-3-flash} works from any client. */
    public static final ProviderSpec GEMINI = builtIn("gemini", EnumSet.allOf(ModelFamily.class), EnumSet.allOf(Protocol.class),
            ModelIdShape.GOOGLE_PUBLISHED);
    /**
     * Anthropic API keys: any client name (a route decides the Claude model, e.g. {@code claude-* → anthropic/…}),
     * every protocol — Anthropic clients by pass-through, the others through the Anthropic dialect.
     */
    public static final ProviderSpec ANTHROPIC = builtIn("anthropic", EnumSet.allOf(ModelFamily.class),
            EnumSet.allOf(Protocol.class), ModelIdShape.PLAIN);
    /** Every built-in provider, whether or not this server has it configured. */
    static final List<ProviderSpec> BUILT_IN = List.of(GOOGLE, CODEX, VERTEX, GEMINI, ANTHROPIC);

    public ProviderSpec {
        families = Set.copyOf(families);
        protocols = Set.copyOf(protocols);
    }

    /** Which model names an OpenAI-compatible catalog provider takes (its {@code model_scope}). */
    public enum ModelScope {
        /** Any client model. */
        ALL_MODELS,
        /** Only names that are not gpt*, gemini* or claude* (those have providers of their own). */
        UNKNOWN_PREFIX_ONLY
    }

    /**
     * An OpenAI-compatible catalog provider (OpenRouter, NVIDIA, …): models by scope, ids such as
     * {@code meta/llama-3.1-8b-instruct} (sent in the body), and every client protocol — OpenAI Chat clients as they
     * are, the Anthropic, Responses and GenAI surfaces through the canonical model (the Go original allowed OpenAI only).
     */
    public static ProviderSpec openAiCompatible(String id, ModelScope scope) {
        Set<ModelFamily> families = scope == ModelScope.ALL_MODELS ? EnumSet.allOf(ModelFamily.class) : EnumSet.of(ModelFamily.OTHER);
        return new ProviderSpec(id, "openai_compat", families, EnumSet.allOf(Protocol.class), ModelIdShape.SLASHED);
    }

    public boolean serves(ModelFamily family) {
        return families.contains(family);
    }

    public boolean speaks(Protocol protocol) {
        return protocols.contains(protocol);
    }

    /** Capability names in protocol order, e.g. {@code openai.chat, openai.responses, genai, anthropic}. */
    public List<String> capabilities() {
        return EnumSet.copyOf(protocols).stream().flatMap(p -> p.capabilities().stream()).toList();
    }

    private static ProviderSpec builtIn(String id, Set<ModelFamily> families, Set<Protocol> protocols, ModelIdShape modelIds) {
        return new ProviderSpec(id, "builtin", families, protocols, modelIds);
    }
}
