package dev.nexus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A provider whose upstream speaks OpenAI's Responses API itself (the Codex backend), so a Responses client's body can
 * be relayed as it is instead of through the canonical model: every field survives (encrypted reasoning, item ids).
 */
public interface ResponsesRelay {

    /** Receives the upstream's Responses stream events, as they are. */
    @FunctionalInterface
    interface Sink {
        void event(JsonNode data);
    }

    /**
     * Relays a Responses body (chains already expanded into {@code input}) for {@code model}; the provider applies its
     * upstream's rules to the body, which is its own copy. Events reach the sink only once the answer has content, so
     * a failure before that is an ordinary failed call the gateway can fail over from.
     */
    Outcome relay(ObjectNode body, String model, Credentials credentials, String requestId, Sink sink);
}
