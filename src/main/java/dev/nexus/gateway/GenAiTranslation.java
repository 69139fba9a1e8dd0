package dev.nexus.gateway;

import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.dialect.DialectException;

/**
 * How a GenAI request goes through the canonical model when the provider its model is routed to does not take
 * Google's wire format as it is ({@link Gateway#relay}). The front that received it knows the dialect; the gateway
 * asks only when such a provider comes up, so a relayed request is never decoded.
 */
public interface GenAiTranslation {
    /**
     * The request in the canonical model.
     *
     * @throws DialectException when the body cannot be decoded: the client gets its status and message
     */
    ChatRequest request();

    /** Where the canonical answer to {@code request} goes: a writer of Google's response format to the client. */
    EventSink answer(ChatRequest request);
}
