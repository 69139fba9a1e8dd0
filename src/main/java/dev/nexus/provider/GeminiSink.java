package dev.nexus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.UpstreamError;

/**
 * Where a relayed Gemini answer goes: each bare {@code GenerateContentResponse} (one for a unary answer, one per
 * stream chunk, or the {@code countTokens} answer), already unwrapped from any upstream envelope. Called from one
 * thread, in order.
 */
public interface GeminiSink {
    void accept(JsonNode response);

    /** The request failed; called at most once, and last. */
    void fail(UpstreamError error);
}
