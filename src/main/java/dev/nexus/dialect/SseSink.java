package dev.nexus.dialect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a dialect's stream writer puts Server-Sent Events. The server implements it over the HTTP response
 * (one flush per event); tests implement it over a list.
 */
public interface SseSink {

    /**
     * Writes one event: an optional {@code event:} line, then {@code data: <data>}, then a blank line, and flushes.
     *
     * @param event the event name (Anthropic, Responses), or null for data-only events (OpenAI chat, Gemini)
     * @param data one line of data, normally compact JSON (no newlines)
     */
    void send(String event, String data);

    /**
     * Writes one event whose data is a JSON value, serialized compactly on one line. A sink that writes bytes overrides
     * this to serialize straight into them (it runs once per streamed chunk, so the string in between is worth saving).
     */
    default void send(String event, JsonNode data) {
        send(event, data.toString());
    }
}
