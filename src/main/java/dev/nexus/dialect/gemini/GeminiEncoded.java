package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A canonical request encoded for a Gemini-shaped upstream.
 *
 * @param body the GenerateContentRequest (camelCase, no Cloud Code envelope: the provider wraps it)
 * @param names the tool names as sent upstream; give them to the {@link GeminiEventDecoder} of the answer so
 *     function calls come back under the client's names
 */
public record GeminiEncoded(ObjectNode body, ToolNames names) {

    /** Whether the request offers Google Search, the only case in which an answer carries grounding metadata. */
    public boolean searches() {
        for (var tool : body.path("tools")) {
            if (tool.has("googleSearch")) {
                return true;
            }
        }
        return false;
    }
}
