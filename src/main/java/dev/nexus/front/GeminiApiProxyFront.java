package dev.nexus.front;

import dev.nexus.account.ApiKeyRing;
import dev.nexus.gateway.KeyRelay;
import dev.nexus.provider.RelayRequest;
import dev.nexus.provider.gemini.GeminiApiRelay;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The Gemini API key proxy under {@code /v1beta}: clients use Nexus as their Gemini API base URL with their Nexus
 * key, and Nexus relays the request with one of the server's Gemini keys, moving to the next key when one is rate
 * limited. The model is not route-mapped and bodies pass through untouched (unknown fields survive).
 */
public final class GeminiApiProxyFront implements Routes {
    private static final String RELAYED = "GET /v1beta/models, GET /v1beta/models/{model} and POST /v1beta/models/{model}:"
            + String.join("|", GeminiApiRelay.ACTIONS);

    private final GeminiApiRelay gemini;
    private final KeyProxy proxy;

    public GeminiApiProxyFront(ApiKeyRing keys, GeminiApiRelay gemini, KeyRelay relay, Replies replies) {
        this.gemini = gemini;
        this.proxy = new KeyProxy(keys, relay, replies, new KeyProxy.Names("Gemini API",
                "set NEXUS_GEMINI_API_KEYS=key1,key2 (or NEXUS_GEMINI_API_KEY, or GEMINI_API_KEY)", "NEXUS_GEMINI_API_KEYS",
                "NEXUS_GEMINI_BASE_URL", "NEXUS_GEMINI_PROXY_TIMEOUT"));
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        proxy.logState();
        routing.get("/v1beta/models", this::list);
        routing.get("/v1beta/models/{model}", this::get);
        routing.post("/v1beta/models/{model}", this::call);
    }

    private void list(ServerRequest req, ServerResponse res) {
        proxy.requireConfigured();
        RelayRequest request = KeyProxy.read(req);
        proxy.relay(req, res, "", key -> gemini.listModels(request, key));
    }

    private void get(ServerRequest req, ServerResponse res) {
        proxy.requireConfigured();
        String model = req.path().pathParameters().get("model");
        if (model.contains(":")) {
            throw proxy.unsupported(req, RELAYED);
        }
        KeyProxy.model(model);
        RelayRequest request = KeyProxy.read(req);
        proxy.relay(req, res, model, key -> gemini.getModel(model, request, key));
    }

    private void call(ServerRequest req, ServerResponse res) {
        proxy.requireConfigured();
        String target = req.path().pathParameters().get("model");
        int colon = target.lastIndexOf(':');
        String action = colon < 0 ? "" : target.substring(colon + 1);
        if (!GeminiApiRelay.ACTIONS.contains(action)) {
            throw proxy.unsupported(req, RELAYED);
        }
        String model = KeyProxy.model(target.substring(0, colon));
        RelayRequest request = KeyProxy.readCall(req);
        proxy.relay(req, res, model, key -> gemini.call(model, action, request, key));
    }
}
