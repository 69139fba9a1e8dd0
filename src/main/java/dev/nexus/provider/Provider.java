package dev.nexus.provider;

import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;

/**
 * Transport for one upstream: encodes the canonical request in the upstream's dialect, sends it, decodes the
 * answer into events for the sink, and classifies failures. A provider never loops over accounts, never sleeps
 * and never retries on another account; that is the gateway's job.
 */
public interface Provider {

    /** The id routes use, e.g. {@code google}. */
    String id();

    /**
     * Calls the upstream for {@code request} (whose model is already the target model).
     *
     * @param requestId the client request id, forwarded upstream where the protocol has a slot for it
     */
    Outcome call(ChatRequest request, Credentials credentials, String requestId, EventSink sink);

    /** What this upstream will leave out of the request, for {@code X-Nexus-Route} (e.g. a tool it lacks). */
    default java.util.List<String> limitations(ChatRequest request) {
        return java.util.List.of();
    }

    /**
     * The upstream's count of the request's input tokens, or empty when it cannot count (the caller then estimates).
     */
    default java.util.OptionalLong countTokens(ChatRequest request, Credentials credentials) {
        return java.util.OptionalLong.empty();
    }
}
