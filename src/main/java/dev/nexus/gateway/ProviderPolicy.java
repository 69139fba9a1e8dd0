package dev.nexus.gateway;

import dev.nexus.chat.ClientModelName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which providers may serve a client model (seed §6.4), over the providers this build has, as each
 * {@link ProviderSpec} says: by model family ({@code gpt*} → codex too; {@code claude*} never codex; OpenAI-compatible
 * catalog providers the names their scope admits; the others any name) and by client protocol (every built-in and
 * catalog provider speaks all three here, wider than the Go original's openai → google, codex, gemini and catalog
 * providers; genai → google, vertex, gemini; anthropic → google). A provider this build does not have is never allowed.
 *
 * <p>Route changes are checked with {@link #checkRoute} (a route serves every protocol); each request is checked
 * with {@link #check} once its route is resolved. The model ids a provider is asked for must have its
 * {@link ModelIdShape}: {@link #routeProblem} checks a route however it is made, {@link #targetProblem} each request
 * before any upstream call. Immutable and thread-safe.
 */
public final class ProviderPolicy {
    private final Map<String, ProviderSpec> providers;

    private ProviderPolicy(Map<String, ProviderSpec> providers) {
        this.providers = providers;
    }

    /** A policy over these providers; their order is the order of every "allowed" list. */
    public static ProviderPolicy of(List<ProviderSpec> providers) {
        Map<String, ProviderSpec> byId = new LinkedHashMap<>();
        for (ProviderSpec spec : providers) {
            if (byId.putIfAbsent(spec.id(), spec) != null) {
                throw new IllegalArgumentException("provider '" + spec.id() + "' listed twice");
            }
        }
        return new ProviderPolicy(byId);
    }

    /** The providers this build has, in order. */
    public List<ProviderSpec> providers() {
        return List.copyOf(providers.values());
    }

    public Optional<ProviderSpec> provider(String id) {
        return Optional.ofNullable(providers.get(normalise(id)));
    }

    /** Providers that may serve the client model, whatever the protocol (what a route may name). */
    public List<String> allowed(String clientModel) {
        ModelFamily family = ModelFamily.of(clientModel);
        return providers.values().stream().filter(p -> p.serves(family)).map(ProviderSpec::id).toList();
    }

    /** Providers that may serve the client model on requests of this protocol. */
    public List<String> allowed(String clientModel, Protocol protocol) {
        ModelFamily family = ModelFamily.of(clientModel);
        return providers.values().stream().filter(p -> p.serves(family) && p.speaks(protocol)).map(ProviderSpec::id).toList();
    }

    /** Refuses a route from {@code clientModel} to {@code provider} that no request could use. */
    public void checkRoute(String clientModel, String provider) {
        List<String> allowed = allowed(clientModel);
        if (!allowed.contains(normalise(provider))) {
            throw new ProviderNotAllowedException("provider \"" + provider + "\" is not allowed for client model \"" + clientModel
                    + "\" (allowed: " + describe(allowed) + ")", allowed);
        }
    }

    /**
     * Refuses a request for {@code clientModel}, arriving on {@code protocol}, that its route sends to {@code provider}.
     * The gateway calls this after resolving the route and before choosing an account.
     */
    public void check(String clientModel, String provider, Protocol protocol) {
        ProviderSpec spec = providers.get(normalise(provider));
        if (spec != null && spec.serves(ModelFamily.of(clientModel)) && spec.speaks(protocol)) {
            return; // every request passes here: no lists unless there is something to explain
        }
        checkRoute(clientModel, provider);
        List<String> allowed = allowed(clientModel, protocol);
        if (!allowed.contains(normalise(provider))) {
            throw new ProviderNotAllowedException("provider \"" + provider + "\" does not serve the " + protocol.wireName()
                    + " API for client model \"" + clientModel + "\" (allowed: " + describe(allowed) + ")", allowed);
        }
    }

    /**
     * The shape of the model ids {@code provider} is asked for: its spec's; for a provider this build does not have,
     * the built-in one of that id, else {@link ModelIdShape#PLAIN}. Routes to such a provider cannot be served, but are
     * checked all the same, so they are safe the day the provider is configured.
     */
    public ModelIdShape modelIds(String provider) {
        String id = normalise(provider);
        ProviderSpec spec = providers.get(id);
        if (spec == null) {
            spec = ProviderSpec.BUILT_IN.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
        }
        return spec == null ? ModelIdShape.PLAIN : spec.modelIds();
    }

    /**
     * The one check of a model id that goes upstream: what is wrong with asking {@code provider} for {@code model},
     * to follow the field's name in a message (e.g. {@code "../x" is not a model id provider "gemini" takes: use …});
     * empty when nothing.
     */
    public Optional<String> modelIdProblem(String provider, String model) {
        ModelIdShape shape = modelIds(provider);
        return shape.accepts(model) ? Optional.empty() : Optional.of(quoted(model) + " is not a model id provider \""
                + normalise(provider) + "\" takes: use " + shape.rule());
    }

    /** How a route's fields are named where it was written, for messages. */
    public record RouteFields(String client, String target, String fallbacks) {
        /** The admin API's JSON and the CLI's messages. */
        public static final RouteFields API = new RouteFields("client_model", "target_model", "fallbacks");
        /** The routes file. */
        public static final RouteFields FILE = new RouteFields("client", "target", "fallbacks");
    }

    /**
     * What is wrong with the names of a route, whichever way it is made (admin API, CLI, routes file, import): its client
     * model by {@link ClientModelName}, its target and fallbacks by their provider's {@link ModelIdShape} (see
     * {@link #hops}); a fallback on another provider must be one that may serve the client model. The message starts
     * with the field's name; empty when nothing.
     */
    public Optional<String> routeProblem(String client, String provider, String target, List<String> fallbacks, RouteFields fields) {
        Optional<String> problem = ClientModelName.problem(client).map(p -> fields.client() + " " + p);
        if (problem.isEmpty()) {
            problem = modelIdProblem(provider, target).map(p -> fields.target() + " " + p);
        }
        for (int i = 0; i < fallbacks.size() && problem.isEmpty(); i++) {
            String field = fields.fallbacks() + "[" + i + "] ";
            Hop hop = hop(provider, fallbacks.get(i));
            problem = modelIdProblem(hop.provider(), hop.model()).map(p -> field + p);
            if (problem.isEmpty() && !hop.provider().equals(normalise(provider)) && !allowed(client).contains(hop.provider())) {
                problem = Optional.of(field + quoted(fallbacks.get(i)) + " names provider \"" + hop.provider()
                        + "\", which may not serve client model " + quoted(client) + " (allowed: " + describe(allowed(client)) + ")");
            }
        }
        return problem;
    }

    /** One provider model a request may go to: a route's target, or one of its fallbacks. */
    public record Hop(String provider, String model) {}

    /**
     * Where a route sends a request, in order: its target, then its fallbacks. A fallback {@code provider/model} whose
     * first segment names a provider (one this build has, or a built-in) is that provider's model; any other fallback
     * is a model of the route's own provider — so a catalog provider's slashed ids ({@code meta/llama-3.1-8b}) stay
     * its own, and so does {@code google/<id>} on a {@code gemini} or {@code vertex} route (the publisher-qualified id
     * those take).
     */
    public List<Hop> hops(ModelRoutes.Target target) {
        List<Hop> hops = new ArrayList<>(1 + target.fallbacks().size());
        hops.add(new Hop(normalise(target.provider()), target.model()));
        target.fallbacks().forEach(fallback -> hops.add(hop(target.provider(), fallback)));
        return hops;
    }

    private Hop hop(String routeProvider, String fallback) {
        int slash = fallback.indexOf('/');
        if (slash > 0) {
            String named = normalise(fallback.substring(0, slash));
            boolean known = providers.containsKey(named) || ProviderSpec.BUILT_IN.stream().anyMatch(p -> p.id().equals(named));
            // On a Gemini API or Vertex route, google/<id> is the publisher-qualified id of its own provider.
            boolean publisher = named.equals(ProviderSpec.GOOGLE.id()) && modelIds(routeProvider) == ModelIdShape.GOOGLE_PUBLISHED;
            if (known && !publisher) {
                return new Hop(named, fallback.substring(slash + 1));
            }
        }
        return new Hop(normalise(routeProvider), fallback);
    }

    /**
     * What is wrong with the models a request for {@code clientModel} would ask its provider for — the route's target
     * and fallbacks, or the client's own name when no route matched; empty when nothing. The gateway asks before any
     * upstream call, so a route made before this rule, or a client's name, never takes a bad id upstream.
     */
    public Optional<String> targetProblem(String clientModel, ModelRoutes.Target target) {
        for (Hop hop : hops(target)) {
            Optional<String> problem = modelIdProblem(hop.provider(), hop.model());
            if (problem.isPresent()) {
                return Optional.of(target.routed()
                        ? "the model route for " + quoted(clientModel) + " names " + problem.get()
                                + " (fix the route: nexus routes set, or the dashboard)"
                        : "model " + problem.get() + "; no route matches this name, so it would be sent upstream as it is"
                                + " (send a model id, or route the name to one: nexus routes set NAME TARGET)");
            }
        }
        return Optional.empty();
    }

    /** A name in quotes for a message, with characters that cannot be shown named and a long one cut. */
    private static String quoted(String name) {
        StringBuilder out = new StringBuilder("\"");
        name.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(ClientModelName.codePoint(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(name.codePointCount(0, name.length()) > 80 ? "…\"" : "\"").toString();
    }

    private static String describe(List<String> allowed) {
        return allowed.isEmpty() ? "none in this build" : String.join(", ", allowed);
    }

    /** Provider ids as routes store them: trimmed, lower case, empty meaning google. */
    public static String normalise(String provider) {
        String id = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
        return id.isEmpty() ? ProviderSpec.GOOGLE.id() : id;
    }
}
