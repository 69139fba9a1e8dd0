package dev.nexus.provider.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.ApiKey;
import dev.nexus.provider.GoogleKeyProvider;
import dev.nexus.provider.RelayRequest;
import dev.nexus.provider.RelayResponse;
import dev.nexus.provider.RelayTransport;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The Gemini API endpoints Nexus relays: the model list, one model, and the model methods of {@link #ACTIONS}. */
public final class GeminiApiRelay {
    public static final String PROVIDER = "gemini";
    /** The model methods relayed; others (tuning, files, caches, …) are not. */
    public static final List<String> ACTIONS =
            List.of("generateContent", "streamGenerateContent", "countTokens", "embedContent", "batchEmbedContents");
    private static final String MODELS = "/v1beta/models";

    private final RelayTransport transport;

    public GeminiApiRelay(UpstreamHttp http, URI baseUrl, Duration timeout) {
        this.transport = new RelayTransport(http, "Gemini API", baseUrl, timeout);
    }

    public String name() {
        return transport.name();
    }

    /** How long the upstream may take to send response headers. */
    public Duration timeout() {
        return transport.timeout();
    }

    /** This upstream as a gateway provider, for model routes that name {@code gemini}; shares this relay's transport. */
    public GoogleKeyProvider provider(ObjectMapper json, Clock clock) {
        return new GoogleKeyProvider(PROVIDER, MODELS, transport, json, clock);
    }

    public RelayResponse listModels(RelayRequest request, ApiKey key) throws IOException {
        return transport.send(MODELS, request, key);
    }

    public RelayResponse getModel(String model, RelayRequest request, ApiKey key) throws IOException {
        return transport.send(MODELS + "/" + RelayTransport.segment(model), request, key);
    }

    /** {@code POST /v1beta/models/{model}:{action}}; the action must be one of {@link #ACTIONS}. */
    public RelayResponse call(String model, String action, RelayRequest request, ApiKey key) throws IOException {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("the Gemini API relay does not serve :" + action);
        }
        return transport.send(MODELS + "/" + RelayTransport.segment(model) + ":" + action, request, key);
    }
}
