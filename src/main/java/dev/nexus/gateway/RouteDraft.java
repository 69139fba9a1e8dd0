package dev.nexus.gateway;

import java.util.List;

/**
 * A route as an operator writes it (API body or CLI arguments), normalised: names trimmed, the provider lower case
 * with empty meaning {@code google}, fallbacks trimmed and without repeats.
 */
public record RouteDraft(String clientModel, String provider, String targetModel, List<String> fallbacks, boolean active) {
    public RouteDraft {
        clientModel = clientModel == null ? "" : clientModel.trim();
        provider = ProviderPolicy.normalise(provider);
        targetModel = targetModel == null ? "" : targetModel.trim();
        fallbacks = fallbacks.stream().map(f -> f == null ? "" : f.trim()).distinct().toList();
    }

    ModelRoute toRoute(String id) {
        return new ModelRoute(id, clientModel, provider, targetModel, fallbacks, active);
    }
}
