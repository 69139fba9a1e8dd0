package dev.nexus.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A provider whose upstream speaks OpenAI Chat Completions itself (an OpenAI-compatible catalog provider), so a Chat
 * Completions client's body can be relayed with only its {@code model} changed instead of through the canonical model:
 * every field the client sent survives, and the answer goes back as the upstream wrote it.
 */
public interface ChatCompletionsRelay {

    /** Receives the upstream's answer, as it is. */
    interface Sink {
        /** One event of a streamed answer: its {@code data} (a {@code chat.completion.chunk}, or {@code [DONE]}). */
        void event(byte[] data);

        /** A whole non-streamed answer: the {@code chat.completion} body. */
        void body(byte[] body);
    }

    /**
     * Relays a Chat Completions body for {@code model}; the body is the provider's own copy. Nothing reaches the sink
     * before the upstream accepted the request, so a failure before that is an ordinary failed call the gateway can fail
     * over from; an in-stream error after the first event is a {@link Outcome.Broken} and is not relayed (the gateway
     * ends the client's stream with it in the client's dialect).
     */
    Outcome relay(ObjectNode body, String model, Credentials credentials, String requestId, Sink sink);
}
