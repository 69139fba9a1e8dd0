package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A relayed Responses stream (the Codex backend's, which always streams) folded into the one {@code response} object
 * a client that did not ask to stream expects, without going through the canonical model, so every field survives
 * (reasoning {@code encrypted_content}, item ids, annotations). The response is the terminal event's
 * ({@code response.completed}, {@code .incomplete} or {@code .failed}); when its {@code output} is empty, as the
 * backend sends it with {@code store: false}, the items of the {@code output_item.done} events fill it in output order.
 * An {@code error} event, or a stream that ends without a terminal event, is a {@link #failure()}. Not thread-safe;
 * one per answer.
 */
public final class ResponsesCollector {
    private final Instant now;
    private final Map<Integer, JsonNode> items = new TreeMap<>();
    private ObjectNode response;
    private Optional<CodexError> failure = Optional.empty();

    /** @param now when the answer arrived, to turn a reset time into a wait */
    public ResponsesCollector(Instant now) {
        this.now = now;
    }

    public void event(JsonNode data) {
        if (ended()) {
            return;
        }
        switch (data.path("type").asText("")) {
            case "response.output_item.done" -> items.put(data.path("output_index").asInt(items.size()), data.path("item"));
            case "response.completed", "response.incomplete" -> response = terminal(data.path("response"));
            case "response.failed" -> {
                response = terminal(data.path("response"));
                failure = Optional.of(CodexErrors.fromStream(data.path("response").path("error"), now));
            }
            case "error" -> failure = Optional.of(CodexErrors.fromStream(data.has("error") ? data.path("error") : data, now));
            default -> { }
        }
    }

    /** Whether a terminal event arrived. */
    public boolean ended() {
        return response != null || failure.isPresent();
    }

    /** The stream is over: without a terminal event the answer is cut short. */
    public void end() {
        if (!ended()) {
            failure = Optional.of(CodexErrors.streamClosed());
        }
    }

    /** The collected response; empty when the stream failed without one (see {@link #failure()}). */
    public Optional<ObjectNode> response() {
        return Optional.ofNullable(response);
    }

    /** The failure, when the answer ended in one; a failed response has both. */
    public Optional<CodexError> failure() {
        return failure;
    }

    private ObjectNode terminal(JsonNode sent) {
        ObjectNode out = sent.isObject() ? ((ObjectNode) sent).deepCopy() : JsonNodeFactory.instance.objectNode();
        if (!(out.get("output") instanceof ArrayNode output) || output.isEmpty()) {
            ArrayNode filled = out.putArray("output");
            items.values().forEach(item -> filled.add(item.deepCopy()));
        }
        return out;
    }
}
