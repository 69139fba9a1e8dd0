package dev.nexus.gateway;

import dev.nexus.gateway.RouteRefusedException.Reason;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-route changes as the admin API and the CLI make them: validated (names by {@link ProviderPolicy#routeProblem},
 * as every route is), checked against the {@link ProviderPolicy}, and refused with a {@link RouteRefusedException} that
 * says why. Seeding from the routes file bypasses the editor (as in the Go original, seeded routes are not checked
 * against the provider policy; their names are, by {@link RouteFile}).
 */
public final class RouteEditor {
    private final ModelRouteRepository routes;
    private final ProviderPolicy policy;

    public RouteEditor(ModelRouteRepository routes, ProviderPolicy policy) {
        this.routes = routes;
        this.policy = policy;
    }

    /** Adds a route; refused if invalid, not allowed by the policy, or one for the same client model and provider exists. */
    public ModelRoute add(RouteDraft draft) {
        validate(draft);
        return saved(routes.add(draft.toRoute(UUID.randomUUID().toString())), draft);
    }

    /** Replaces the route {@code id} with the draft. */
    public ModelRoute update(String id, RouteDraft draft) {
        validate(draft);
        return saved(routes.update(draft.toRoute(id)), draft);
    }

    public void remove(String id) {
        if (!routes.remove(id)) {
            throw notFound(id);
        }
    }

    /** The route after {@link #set}, and whether it is new. */
    public record Written(ModelRoute route, boolean created) {}

    /** Adds the route, or replaces the one with the same client model and provider. */
    public Written set(RouteDraft draft) {
        validate(draft);
        Optional<ModelRoute> existing = routes.list().stream()
                .filter(r -> r.clientModel().equals(draft.clientModel()) && r.provider().equals(draft.provider())).findFirst();
        return existing.isPresent()
                ? new Written(saved(routes.update(draft.toRoute(existing.get().id())), draft), false)
                : new Written(saved(routes.add(draft.toRoute(UUID.randomUUID().toString())), draft), true);
    }

    /** Removes the client model's routes (only the one to {@code provider}, when given); returns what was removed. */
    public List<ModelRoute> removeClient(String clientModel, Optional<String> provider) {
        String client = clientModel.trim();
        Optional<String> wanted = provider.map(ProviderPolicy::normalise);
        List<ModelRoute> matching = routes.list().stream()
                .filter(r -> r.clientModel().equals(client) && wanted.map(r.provider()::equals).orElse(true)).toList();
        if (matching.isEmpty()) {
            throw new RouteRefusedException(Reason.NOT_FOUND, "no route for client model \"" + client + "\""
                    + wanted.map(p -> " on provider \"" + p + "\"").orElse("") + " (see: nexus routes list)");
        }
        matching.forEach(r -> routes.remove(r.id()));
        return matching;
    }

    private void validate(RouteDraft draft) {
        if (draft.clientModel().isEmpty() || draft.targetModel().isEmpty()) {
            throw new RouteRefusedException(Reason.INVALID, "client_model and target_model are required");
        }
        if (draft.fallbacks().contains("")) {
            throw new RouteRefusedException(Reason.INVALID, "fallbacks must be model names; one is empty");
        }
        policy.routeProblem(draft.clientModel(), draft.provider(), draft.targetModel(), draft.fallbacks(),
                ProviderPolicy.RouteFields.API).ifPresent(problem -> {
                    throw new RouteRefusedException(Reason.INVALID, problem);
                });
        try {
            policy.checkRoute(draft.clientModel(), draft.provider());
        } catch (ProviderNotAllowedException e) {
            throw new RouteRefusedException(Reason.NOT_ALLOWED, e.getMessage());
        }
    }

    private static ModelRoute saved(RouteWrite write, RouteDraft draft) {
        return switch (write) {
            case RouteWrite.Saved saved -> saved.route();
            case RouteWrite.Missing missing -> throw notFound(missing.id());
            case RouteWrite.Duplicate duplicate -> throw new RouteRefusedException(Reason.DUPLICATE, "a route for client model \""
                    + draft.clientModel() + "\" on provider \"" + draft.provider() + "\" already exists (id "
                    + duplicate.existing().id() + "); change that one instead");
        };
    }

    private static RouteRefusedException notFound(String id) {
        return new RouteRefusedException(Reason.NOT_FOUND, "no model route with id \"" + id + "\" (see: GET /api/model-routes)");
    }
}
