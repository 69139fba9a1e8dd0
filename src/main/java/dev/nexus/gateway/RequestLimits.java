package dev.nexus.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.RequestSize;
import dev.nexus.dialect.gemini.GeminiSize;

/**
 * The most one request may carry: messages, content parts in all, declared tools. Every step on a request's path does
 * work in proportion to its size, and that work does not yield its core, so a single client key could otherwise keep
 * the server busy with one giant conversation. A request over a limit is refused before any upstream call with a
 * {@link RequestLimitException} naming the limit, the count and the variable that raises it. The defaults are far above
 * what long coding-agent sessions send (see docs/configuration.md).
 */
public record RequestLimits(int maxMessages, int maxParts, int maxTools) {
    public static final int DEFAULT_MESSAGES = 20_000;
    public static final int DEFAULT_PARTS = 100_000;
    public static final int DEFAULT_TOOLS = 1_000;

    public static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_MESSAGES, DEFAULT_PARTS, DEFAULT_TOOLS);
    }

    /** A decoded request (every surface but the GenAI pass-through). */
    public void check(ChatRequest request) {
        check(RequestSize.of(request), "messages");
    }

    /** A GenAI request relayed as it is. */
    public void checkGenAi(JsonNode body) {
        check(GeminiSize.of(body), "contents");
    }

    /** A Responses request's input items, stored ones it continues included (before they are decoded). */
    public void checkInputItems(int items) {
        if (items > maxMessages) {
            throw exceeded(items + " input items, counting the stored responses it continues", maxMessages,
                    "NEXUS_MAX_MESSAGES", "send fewer");
        }
    }

    private void check(RequestSize size, String messages) {
        if (size.messages() > maxMessages) {
            throw exceeded(size.messages() + " " + messages, maxMessages, "NEXUS_MAX_MESSAGES", "send fewer");
        }
        if (size.parts() > maxParts) {
            throw exceeded(size.parts() + " content parts in all", maxParts, "NEXUS_MAX_PARTS", "send fewer");
        }
        if (size.tools() > maxTools) {
            throw exceeded(size.tools() + " tool declarations", maxTools, "NEXUS_MAX_TOOLS", "declare fewer");
        }
    }

    private static RequestLimitException exceeded(String counted, int limit, String variable, String otherwise) {
        return new RequestLimitException("the request has " + counted + ", more than the limit of " + limit
                + " (raise " + variable + " on the server, or " + otherwise + ")");
    }
}
