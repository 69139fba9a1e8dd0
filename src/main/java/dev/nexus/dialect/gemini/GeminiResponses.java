package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Canonical events → the one GenerateContentResponse of a unary {@code generateContent} call: the chunks
 * {@link GeminiStreamWriter} would stream, folded by {@link GeminiChunks#merge} as a streamed answer is, so the two can
 * never disagree. One instance per response; not thread-safe.
 */
public final class GeminiResponses implements EventSink {
    private final List<JsonNode> chunks = new ArrayList<>();
    private final GeminiStreamWriter writer;
    private final Consumer<ObjectNode> response;
    private boolean ended;

    /**
     * @param response gets the whole answer once it finished
     * @param failures gets the failure instead, when the answer ends in one
     */
    public GeminiResponses(ChatRequest request, String responseId, Consumer<ObjectNode> response, Consumer<UpstreamError> failures) {
        this.writer = new GeminiStreamWriter(request, responseId, chunks::add, error -> {
            ended = true;
            failures.accept(error);
        });
        this.response = response;
    }

    @Override
    public void accept(ChatEvent event) {
        writer.accept(event);
        if (event instanceof ChatEvent.Finish && !ended) {
            ended = true;
            response.accept(GeminiChunks.merge(chunks));
        }
    }
}
