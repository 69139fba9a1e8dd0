package dev.nexus.front;

import dev.nexus.account.ApiKeyRing;
import dev.nexus.clientkey.ClientKey;
import dev.nexus.config.CompatCatalog;
import dev.nexus.gateway.KeyRelay;
import dev.nexus.provider.RelayRequest;
import dev.nexus.provider.RelayTransport;
import dev.nexus.server.HttpError;
import dev.nexus.server.ProviderPaths;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pass-through to the OpenAI-compatible catalog providers: {@code ANY /{provider}/{subpath…}} goes to the
 * provider's root URL plus the subpath, with the client's query (minus {@code key}) and body as they came, and the
 * server's key and static headers instead of the client's credentials ({@link RelayTransport}). The answer is relayed as
 * it arrives; a 429 moves to the provider's next key ({@link KeyProxy} over the gateway's {@link KeyRelay}), on the ring
 * the gateway uses for the same provider, so rests and the sticky key agree. Registered last: every path the server
 * serves itself wins, and a path under one of its own first segments is passed on to the server's 404.
 */
public final class ProviderProxyFront implements Routes {
    private final CompatCatalog catalog;
    private final Map<String, Relay> relays = new LinkedHashMap<>();

    /** A provider that can serve: where its requests go and the failover over its keys. */
    private record Relay(RelayTransport transport, KeyProxy proxy) {}

    /**
     * @param transports one per provider that can serve (enabled, with a base URL and a key), aimed at its root URL
     * @param rings each such provider's key ring, shared with the gateway
     */
    public ProviderProxyFront(CompatCatalog catalog, Map<String, RelayTransport> transports, Map<String, ApiKeyRing> rings,
            KeyRelay relay, Replies replies) {
        this.catalog = catalog;
        transports.forEach((id, transport) -> {
            CompatCatalog.Entry entry = catalog.entry(id).orElseThrow();
            relays.put(id, new Relay(transport, new KeyProxy(rings.get(id), relay, replies, new KeyProxy.Names(transport.name(),
                    "set " + entry.keyVariable(), entry.keyVariable(), CompatCatalog.variable(id, "BASE_URL"),
                    CompatCatalog.variable(id, "TIMEOUT")), UsageTail::openAiUsage)));
        });
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.any("/{provider}/{+subpath}", this::relay);
    }

    private void relay(ServerRequest req, ServerResponse res) {
        String id = ProviderPaths.provider(req.path().path()).orElse(null);
        if (id == null) {
            res.next();
            return;
        }
        if (req.context().get(ClientKey.class).isEmpty()) {
            // The key check lets OPTIONS through unchecked (browser preflights carry no key); nothing goes upstream on
            // the server's key for a caller that showed none.
            throw new HttpError(401, "missing API key: send your Nexus key as 'Authorization: Bearer <key>', 'x-api-key',"
                    + " 'x-goog-api-key' or '?key=' (create one with: nexus keys create)", "missing_api_key");
        }
        CompatCatalog.Entry entry = catalog.entry(id).orElseThrow(() -> unknown(id));
        Relay relay = relays.get(id);
        if (relay == null) {
            throw notServing(entry);
        }
        String raw = req.path().rawPath();
        String subpath = raw.substring(raw.indexOf('/', 1));
        RelayRequest request = KeyProxy.read(req);
        relay.proxy().relay(req, res, "", key -> relay.transport().send(subpath, request, key));
    }

    private HttpError unknown(String id) {
        String known = catalog.entries().stream().map(CompatCatalog.Entry::id).collect(Collectors.joining(", "));
        // The catalog's source is left out: it is a path on the server, not the client's business.
        return new HttpError(404, "unknown provider '" + id + "': /{provider}/… relays to an OpenAI-compatible provider of the"
                + " catalog, which lists " + (known.isEmpty() ? "none" : known)
                + " (use one of those, or add the provider to the file NEXUS_OPENAI_COMPAT_PROVIDERS_FILE names)",
                "unknown_provider");
    }

    private static HttpError notServing(CompatCatalog.Entry entry) {
        List<String> fixes = new ArrayList<>();
        if (!entry.enabled()) {
            fixes.add("set enabled: true in its catalog entry");
        }
        if (entry.baseUrl().isEmpty()) {
            fixes.add("set " + CompatCatalog.variable(entry.id(), "BASE_URL") + " (or base_url in the catalog)");
        }
        if (entry.apiKeys().isEmpty()) {
            fixes.add("set " + entry.keyVariable() + " to its API key");
        }
        return new HttpError(503, "provider '" + entry.id() + "' is in the catalog but cannot serve: "
                + String.join(", and ", fixes) + ", then restart Nexus", "provider_not_configured");
    }
}
