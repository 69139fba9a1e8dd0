package dev.nexus.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request in Google's own {@code GenerateContentRequest} wire format, relayed without decoding it into the
 * canonical model so that fields Nexus does not know survive. The body is owned by the call: a provider may adjust it.
 *
 * @param body the client's request body ({@code contents}, {@code tools}, {@code generationConfig}, …); for
 *     {@link Action#COUNT_TOKENS} either {@code {contents}} or {@code {generateContentRequest:{…}}}
 */
public record GeminiCall(ObjectNode body, Action action) {

    public enum Action {
        GENERATE,
        STREAM,
        COUNT_TOKENS
    }
}
