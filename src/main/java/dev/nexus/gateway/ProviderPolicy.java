package dev.nexus.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which providers may serve a client model (seed §6.4), over the providers this build has. By model name:
 * {@code gpt*} → codex, google; {@code gemini*} → google, vertex, gemini; {@code claude*} → google; anything else →
 * google; plus OpenAI-compatible catalog providers whose scope admits the name. By protocol: openai → google, codex,
 * gemini and catalog providers; genai → google, vertex, gemini; anthropic → google. A provider this build does not
 * have is never allowed.
 *
 * <p>Route changes are checked with {@link #checkRoute} (a route serves every protocol); each request is checked
 * with {@link #check} once its route is resolved. Immutable and thread-safe.
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

    private static String describe(List<String> allowed) {
        return allowed.isEmpty() ? "none in this build" : String.join(", ", allowed);
    }

    /** Provider ids as routes store them: trimmed, lower case, empty meaning google. */
    public static String normalise(String provider) {
        String id = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
        return id.isEmpty() ? ProviderSpec.GOOGLE.id() : id;
    }
}
