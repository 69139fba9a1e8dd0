package dev.nexus.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Client model → (provider, target model), from an in-memory snapshot of the routes table that reloads when its
 * revision moves. The first active route for a client model wins; a model without a route goes to Cloud Code
 * under its own name.
 */
public final class ModelRoutes {
    private final ModelRouteRepository repository;
    private final AtomicReference<Map<String, ModelRoute>> byClient = new AtomicReference<>(Map.of());
    private final AtomicReference<List<ModelRoute>> all = new AtomicReference<>(List.of());
    private final AtomicLong seenRevision = new AtomicLong(Long.MIN_VALUE);

    public ModelRoutes(ModelRouteRepository repository) {
        this.repository = repository;
        refreshIfChanged();
    }

    /** Where a request for {@code clientModel} goes. */
    public Target resolve(String clientModel) {
        ModelRoute route = byClient.get().get(clientModel);
        return route == null
                ? new Target("google", clientModel, List.of(), false)
                : new Target(route.provider(), route.targetModel(), route.fallbacks(), true);
    }

    /**
     * @param fallbacks models of the same provider to try when every account is cooling for {@code model}
     * @param routed false when no route matched and the client's name passes through
     */
    public record Target(String provider, String model, List<String> fallbacks, boolean routed) {}

    /** Every route of the snapshot, active or not, in creation order. */
    public List<ModelRoute> all() {
        return all.get();
    }

    public List<ModelRoute> active() {
        return all.get().stream().filter(ModelRoute::active).toList();
    }

    public void refreshIfChanged() {
        long revision = repository.revision();
        if (revision != seenRevision.get()) {
            List<ModelRoute> routes = List.copyOf(repository.list());
            Map<String, ModelRoute> map = new LinkedHashMap<>();
            routes.stream().filter(ModelRoute::active).forEach(r -> map.putIfAbsent(r.clientModel(), r));
            all.set(routes);
            byClient.set(Map.copyOf(map));
            seenRevision.set(revision);
        }
    }
}
