package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Part;
import dev.nexus.chat.WebSources;
import java.util.List;
import java.util.Optional;

/**
 * A collected {@link ChatResponse} as a non-streaming Responses API {@code response} object. It says what
 * {@link ResponsesStreamWriter} would have said in its terminal event: the same items with the same ids, status,
 * {@code incomplete_details} and usage. A response that ended in a failure gets status {@code failed} and its
 * {@code error}; a front normally answers such a response with an HTTP error ({@link OpenAiErrors#fromUpstream}) instead.
 */
public final class ResponsesResponses {
    private ResponsesResponses() {}

    /**
     * @param responseId the {@code resp_…} id to give the response; item ids derive from it
     * @param model the model name the client asked for
     * @param createdAt the epoch second the answer was created
     */
    public static ObjectNode encode(ChatResponse response, String responseId, String model, long createdAt) {
        return encode(response, responseId, model, createdAt, false);
    }

    /** @param searching whether the client asked for web search: only then are the answer's web sources shown */
    public static ObjectNode encode(ChatResponse response, String responseId, String model, long createdAt, boolean searching) {
        ArrayNode output = outputItems(response, responseId, searching);
        if (response.failure().isPresent()) {
            return ResponsesObjects.response(responseId, model, createdAt, "failed", output, null, null,
                    response.failure().get());
        }
        return ResponsesObjects.response(responseId, model, createdAt, ResponsesObjects.status(response.stopReason()),
                output, response.stopReason(), response.usage(), null);
    }

    /** The output items, with ids derived from the response's own id; see {@link #outputItems(ChatResponse, String)}. */
    public static ArrayNode outputItems(ChatResponse response) {
        return outputItems(response, response.id());
    }

    /**
     * The output items of an answer, in order, as a client would replay them as {@code input}: thinking as
     * {@code reasoning} items (one summary each), text as {@code message} items, tool calls as {@code function_call}
     * items. Empty text and thinking, and redacted thinking, are left out, as the stream leaves them out.
     */
    public static ArrayNode outputItems(ChatResponse response, String responseId) {
        return outputItems(response, responseId, false);
    }

    /**
     * As {@link #outputItems(ChatResponse, String)}; when {@code searching} and the answer has web sources, a
     * {@code web_search_call} item follows the answer's items and text carries {@code url_citation} annotations.
     */
    public static ArrayNode outputItems(ChatResponse response, String responseId, boolean searching) {
        ArrayNode output = JsonNodeFactory.instance.arrayNode();
        Optional<WebSources> sources = response.sources().filter(s -> searching);
        int textAt = 0;
        for (Part part : response.content()) {
            int index = output.size();
            int from = textAt;
            if (part instanceof Part.Text t) {
                textAt += t.text().length();
            }
            switch (part) {
                case Part.Text t when !t.text().isEmpty() -> output.add(ResponsesObjects.message(
                        ResponsesObjects.itemId("msg", responseId, index), "completed", t.text(),
                        sources.map(s -> UrlCitations.responses(s, from, from + t.text().length()))
                                .orElseGet(JsonNodeFactory.instance::arrayNode)));
                case Part.Thinking t when !t.redacted() && !t.text().isEmpty() ->
                        output.add(ResponsesObjects.reasoning(ResponsesObjects.itemId("rs", responseId, index), List.of(t.text())));
                case Part.ToolCall c -> output.add(ResponsesObjects.functionCall(ResponsesObjects.itemId("fc", responseId, index),
                        c.id(), c.name(), c.arguments(), "completed"));
                default -> { } // empty or redacted blocks; media and tool results do not occur in answers
            }
        }
        // After the answer's items, as a stream writes it: Google reports the search only once the answer is done.
        sources.ifPresent(s -> output.add(ResponsesObjects.webSearchCall(ResponsesObjects.itemId("ws", responseId,
                output.size()), "completed", s)));
        return output;
    }
}
