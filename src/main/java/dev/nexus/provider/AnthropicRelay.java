package dev.nexus.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A provider whose upstream speaks Anthropic Messages itself, so an Anthropic client's body can be relayed as it is
 * instead of through the canonical model: thinking blocks and their signatures, cache controls and fields Nexus does not
 * know all survive, and the answer comes back as the upstream wrote it.
 */
public interface AnthropicRelay {

    /** Receives the upstream's answer as it is. Called from one thread, in order. */
    interface Sink {
        /** One event of a streamed answer: its {@code event:} name and its {@code data:} bytes, unchanged. */
        void event(String name, byte[] data);

        /** A non-streamed answer's {@code message} body, unchanged. */
        void message(byte[] body);
    }

    /**
     * Relays a Messages body for {@code model}: the body is the provider's own copy, sent with only {@code model}
     * rewritten. Events reach the sink only once the answer has content, so a failure before that (an {@code error}
     * event right after {@code message_start}) is an ordinary failed call the gateway can fail over from.
     *
     * @param clientHeaders the client's {@code anthropic-version} and {@code anthropic-beta}, when it sent them; the
     *     provider forwards these and nothing else of the client's
     */
    Outcome relay(ObjectNode body, Map<String, String> clientHeaders, String model, Credentials credentials, String requestId,
            Sink sink);
}
