package dev.nexus.gateway;

import java.util.List;

/**
 * A client model name mapped to a provider and the model to ask it for.
 *
 * @param provider a provider id: {@code google} (Cloud Code accounts), later also gemini, vertex, codex, …
 * @param fallbacks target models (same provider) tried in order when every account is cooling for the target
 */
public record ModelRoute(String id, String clientModel, String provider, String targetModel, List<String> fallbacks,
        boolean active) {
    public ModelRoute {
        fallbacks = List.copyOf(fallbacks);
    }
}
