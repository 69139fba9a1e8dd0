package dev.nexus.provider.openaicompat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how one OpenAI-compatible provider is called.
 *
 * @param id the provider id routes name, e.g. {@code openrouter}
 * @param baseUrl the OpenAI base URL without a trailing slash, e.g. {@code https://openrouter.ai/api/v1}
 * @param staticHeaders sent with every request (after the provider's own, so they win)
 * @param timeout how long the upstream may take to send its response headers; a stream may then run as long as it writes
 * @param keyVariable where the operator sets the keys, e.g. {@code NEXUS_OPENROUTER_API_KEY}, for messages about a refused key
 */
public record CompatEndpoint(String id, URI baseUrl, Map<String, String> staticHeaders, Duration timeout,
        String keyVariable) {
    public CompatEndpoint {
        staticHeaders = Map.copyOf(staticHeaders);
    }

    /** {@code {base_url}/chat/completions}. */
    public URI chatCompletions() {
        return URI.create(baseUrl + "/chat/completions");
    }

    /** How messages name it. */
    String shown() {
        return "OpenAI-compatible provider '" + id + "'";
    }
}
