package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.config.CompatCatalog;
import dev.nexus.gateway.Protocol;
import dev.nexus.gateway.ProviderPolicy;
import dev.nexus.gateway.ProviderSpec;
import dev.nexus.server.HttpError;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/providers} (the providers this build has and what they serve, then every OpenAI-compatible catalog
 * entry with {@code enabled} and {@code runtime_enabled}) and
 * {@code GET /api/providers/allowed?client_model=[&protocol=]} (which of them a route for that model may name).
 */
public final class ProvidersApi implements Routes {
    private final ProviderPolicy policy;
    private final CompatCatalog catalog;
    private final Replies replies;

    /** @param catalog the OpenAI-compatible providers, listed whether or not they can serve */
    public ProvidersApi(ProviderPolicy policy, CompatCatalog catalog, Replies replies) {
        this.policy = policy;
        this.catalog = catalog;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/providers", (req, res) -> replies.json(res, 200, providers()))
                .get("/api/providers/allowed", (req, res) -> replies.json(res, 200, allowed(req)));
    }

    private ObjectNode providers() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode array = root.putArray("providers");
        for (ProviderSpec spec : policy.providers()) {
            if (catalog.entry(spec.id()).isPresent()) {
                continue; // listed below with the catalog's own fields
            }
            ObjectNode node = array.addObject();
            node.put("id", spec.id());
            node.put("type", spec.type());
            node.put("enabled", true);
            node.put("runtime_enabled", true);
            ArrayNode capabilities = node.putArray("capabilities");
            spec.capabilities().forEach(capabilities::add);
        }
        for (CompatCatalog.Entry entry : catalog.entries()) {
            ObjectNode node = array.addObject();
            node.put("id", entry.id());
            node.put("type", "openai_compat");
            node.put("enabled", entry.enabled());
            // Enabled, with a base URL and a key (NEXUS_<ID>_API_KEY): only then do routes to it serve.
            node.put("runtime_enabled", entry.runtimeEnabled());
            node.put("base_url", entry.baseUrl().map(Object::toString).orElse(""));
            node.put("model_scope", entry.scope().wireName());
            ArrayNode capabilities = node.putArray("capabilities");
            entry.capabilities().forEach(capabilities::add);
            node.put("keys", entry.apiKeys().size());
            node.put("key_variable", entry.keyVariable());
        }
        return root;
    }

    private ObjectNode allowed(ServerRequest req) {
        String clientModel = query(req, "client_model").map(String::trim).filter(m -> !m.isEmpty()).orElseThrow(() ->
                new HttpError(400, "the query parameter client_model is required, e.g. /api/providers/allowed?client_model=gpt-4o",
                        "invalid_request"));
        Optional<Protocol> protocol = query(req, "protocol").filter(p -> !p.isBlank()).map(ProvidersApi::protocol);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("client_model", clientModel);
        protocol.ifPresent(p -> root.put("protocol", p.wireName()));
        ArrayNode providers = root.putArray("providers");
        List<String> allowed = protocol.map(p -> policy.allowed(clientModel, p)).orElseGet(() -> policy.allowed(clientModel));
        allowed.forEach(providers::add);
        return root;
    }

    private static Protocol protocol(String name) {
        return Arrays.stream(Protocol.values()).filter(p -> p.wireName().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new HttpError(400, "unknown protocol '" + name + "' (one of: openai, genai, anthropic)",
                        "invalid_request"));
    }

    private static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional();
    }
}
