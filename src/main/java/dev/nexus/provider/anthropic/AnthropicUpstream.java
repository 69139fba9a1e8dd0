package dev.nexus.provider.anthropic;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One Anthropic-format upstream: the built-in {@code anthropic} (api.anthropic.com) or a catalog provider that declares
 * {@code anthropic.messages} (OpenRouter's {@code /v1/messages}). Its keys are not here: the gateway leases them from
 * the provider's key ring and hands each call one.
 *
 * @param id the provider id routes name, e.g. {@code anthropic}
 * @param name how messages name the upstream, e.g. {@code Anthropic API}
 * @param baseUrl scheme, host and optional path prefix; {@code /v1/messages} is appended (a trailing {@code /v1} is
 *     tolerated, as catalog base URLs often end with it)
 * @param staticHeaders sent with every call, after the protocol's own headers
 * @param timeout how long to wait for the response headers; a stream may then run as long as the model writes
 * @param keyVariable the environment variable the keys come from, named when a key is refused
 * @param keyHeader how the key is sent
 */
public record AnthropicUpstream(String id, String name, URI baseUrl, Map<String, String> staticHeaders, Duration timeout,
        String keyVariable, KeyHeader keyHeader) {
    public AnthropicUpstream {
        staticHeaders = Map.copyOf(staticHeaders);
    }

    /** How an upstream takes its key. */
    public enum KeyHeader {
        /** {@code x-api-key: <key>}, as api.anthropic.com takes API keys. */
        X_API_KEY,
        /** {@code Authorization: Bearer <key>}, as OpenRouter's Anthropic-compatible layer takes its keys. */
        BEARER
    }

    /** The header carrying {@code key}. */
    Map.Entry<String, String> keyHeader(String key) {
        return keyHeader == KeyHeader.BEARER ? Map.entry("authorization", "Bearer " + key) : Map.entry("x-api-key", key);
    }

    /** {@code {base}/v1/messages}. */
    URI messages() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/v1")) {
            base = base.substring(0, base.length() - "/v1".length());
        }
        return URI.create(base + "/v1/messages");
    }
}
