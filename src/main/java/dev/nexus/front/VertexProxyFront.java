package dev.nexus.front;

import dev.nexus.account.ApiKeyRing;
import dev.nexus.gateway.KeyRelay;
import dev.nexus.provider.RelayRequest;
import dev.nexus.provider.vertex.VertexRelay;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The Vertex AI key proxy (express mode): {@code POST /v1/publishers/google/models/{model}:{action}} relayed with
 * the server's Vertex key. Only this path is Vertex's; the rest of {@code /v1} belongs to the OpenAI surface.
 * A leading {@code google/} in the model is dropped, as clients that name the publisher write it.
 */
public final class VertexProxyFront implements Routes {
    private static final String PREFIX = "/v1/publishers/google/models/";
    private static final String RELAYED = "POST " + PREFIX + "{model}:" + String.join("|", VertexRelay.ACTIONS);

    private final VertexRelay vertex;
    private final KeyProxy proxy;

    public VertexProxyFront(ApiKeyRing keys, VertexRelay vertex, KeyRelay relay, Replies replies) {
        this.vertex = vertex;
        this.proxy = new KeyProxy(keys, relay, replies, new KeyProxy.Names("Vertex AI",
                "set NEXUS_VERTEX_API_KEY to a Vertex AI express-mode API key", "NEXUS_VERTEX_API_KEY",
                "NEXUS_VERTEX_BASE_URL", "NEXUS_VERTEX_PROXY_TIMEOUT"));
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        proxy.logState();
        routing.post(PREFIX + "{+target}", this::call);
    }

    private void call(ServerRequest req, ServerResponse res) {
        proxy.requireConfigured();
        String target = req.path().path().substring(PREFIX.length());
        int colon = target.lastIndexOf(':');
        String action = colon < 0 ? "" : target.substring(colon + 1);
        if (!VertexRelay.ACTIONS.contains(action)) {
            throw proxy.unsupported(req, RELAYED);
        }
        String model = KeyProxy.model(VertexRelay.modelId(target.substring(0, colon)));
        RelayRequest request = KeyProxy.readCall(req);
        proxy.relay(req, res, model, key -> vertex.call(model, action, request, key));
    }
}
