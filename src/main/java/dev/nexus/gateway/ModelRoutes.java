package dev.nexus.gateway;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Client model → (provider, target model), from an in-memory snapshot of the routes table that reloads when its
 * revision moves. The first active route for a client model wins. A route's client model may be a glob, {@code *}
 * standing for any run of characters ({@code claude-opus-*}); an exact route wins over every glob, and among matching
 * globs the most specific: the longest literal text before the first {@code *}, then the most literal characters,
 * then the route made first. A model without a route goes to Cloud Code, resolved by {@link ModelResolver}.
 */
public final class ModelRoutes {
    private final ModelRouteRepository repository;
    private final AtomicReference<Map<String, ModelRoute>> byClient = new AtomicReference<>(Map.of());
    private final AtomicReference<List<ModelRoute>> all = new AtomicReference<>(List.of());
    /** Active glob routes, most specific first. */
    private final AtomicReference<List<Glob>> globs = new AtomicReference<>(List.of());
    private final AtomicLong seenRevision = new AtomicLong(Long.MIN_VALUE);

    public ModelRoutes(ModelRouteRepository repository) {
        this.repository = repository;
        refreshIfChanged();
    }

    /** The route a request for {@code clientModel} takes: the exact one, else the most specific matching glob. */
    public Optional<Match> match(String clientModel) {
        ModelRoute exact = byClient.get().get(clientModel);
        if (exact != null) {
            return Optional.of(new Match(exact, false));
        }
        return globs.get().stream().filter(g -> g.matches(clientModel)).findFirst()
                .map(g -> new Match(g.route(), true));
    }

    /** A route that matched a client name, and whether by glob. */
    public record Match(ModelRoute route, boolean glob) {}

    /** Whether a route's client model is a glob ({@code *} anywhere). */
    public static boolean isGlob(String clientModel) {
        return clientModel.indexOf('*') >= 0;
    }

    /**
     * A glob route with what orders it: the length of its literal prefix and of all its literal text. Matched by the
     * two-pointer wildcard walk (backing up only to the last {@code *}), so no glob an operator writes can make a
     * name's match cost more than their lengths' product — a regex of many {@code .*} can.
     */
    private record Glob(ModelRoute route, int prefix, int literal) {
        static Glob of(ModelRoute route) {
            String glob = route.clientModel();
            return new Glob(route, glob.indexOf('*'), glob.length() - (int) glob.chars().filter(c -> c == '*').count());
        }

        boolean matches(String name) {
            String glob = route.clientModel();
            int g = 0;
            int n = 0;
            int star = -1;
            int resume = 0;
            while (n < name.length()) {
                if (g < glob.length() && glob.charAt(g) == '*') {
                    star = g++;
                    resume = n;
                } else if (g < glob.length() && glob.charAt(g) == name.charAt(n)) {
                    g++;
                    n++;
                } else if (star >= 0) {
                    g = star + 1;
                    n = ++resume;
                } else {
                    return false;
                }
            }
            while (g < glob.length() && glob.charAt(g) == '*') {
                g++;
            }
            return g == glob.length();
        }
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
            // A stable sort keeps creation order among equally specific globs.
            globs.set(routes.stream().filter(r -> r.active() && isGlob(r.clientModel())).map(Glob::of)
                    .sorted(Comparator.comparingInt(Glob::prefix).thenComparingInt(Glob::literal).reversed()).toList());
            seenRevision.set(revision);
        }
    }
}
