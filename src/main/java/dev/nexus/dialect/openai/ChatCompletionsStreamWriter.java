package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.Usage;
import dev.nexus.dialect.SseSink;
import java.util.HashMap;
import java.util.Map;

/**
 * Canonical events → Chat Completions SSE ({@code data:} only, ending in {@code data: [DONE]}). One instance per
 * response; not thread-safe (events arrive in order from one thread).
 *
 * <p>Nothing is written until there is something to say: {@code MessageStart} writes nothing, so while
 * {@link #started()} is false the gateway may still fail over to another upstream. The first chunk is then the role
 * chunk ({@code {"role":"assistant","content":""}}). Tool calls are numbered 0, 1, … in the order they start,
 * whatever their canonical block index. Web sources are one chunk whose delta carries the {@code annotations}
 * ({@link UrlCitations}; as OpenAI's search models send them), just before the finish chunk. A {@code Finish} writes
 * the finish chunk, the usage chunk (when the client asked for it) and {@code [DONE]}; a {@code Failure} writes one error chunk and {@code [DONE]}. Either way the stream ends
 * cleanly, and any later event is ignored.
 */
public final class ChatCompletionsStreamWriter implements EventSink {
    private static final String DONE = "[DONE]";

    private final SseSink sink;
    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    /** Canonical block index → OpenAI tool call index. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private boolean started;
    private boolean roleSent;
    private boolean ended;

    /** @param model the model name the client asked for, echoed in every chunk */
    public ChatCompletionsStreamWriter(SseSink sink, String id, String model, long createdEpochSeconds, boolean includeUsage) {
        this.sink = sink;
        this.id = id;
        this.model = model;
        this.created = createdEpochSeconds;
        this.includeUsage = includeUsage;
    }

    /** Whether any byte has been written to the client. */
    public boolean started() {
        return started;
    }

    @Override
    public void accept(ChatEvent event) {
        if (ended) {
            return;
        }
        switch (event) {
            case ChatEvent.BlockStart start when start.block() instanceof Block.ToolCall call -> toolCall(start.index(), call);
            case ChatEvent.TextDelta text when !text.text().isEmpty() -> delta(object().put("content", text.text()));
            case ChatEvent.ThinkingDelta thinking when !thinking.text().isEmpty() ->
                    delta(object().put("reasoning_content", thinking.text()));
            case ChatEvent.ToolArgsDelta args when toolIndexes.containsKey(args.index()) && !args.jsonFragment().isEmpty() -> {
                ObjectNode fragment = object().put("index", toolIndexes.get(args.index()));
                fragment.putObject("function").put("arguments", args.jsonFragment());
                delta(toolCalls(fragment));
            }
            case ChatEvent.Sources sources when !sources.sources().citations().isEmpty() -> {
                ObjectNode delta = object();
                delta.set("annotations", UrlCitations.chat(sources.sources()));
                delta(delta);
            }
            case ChatEvent.Finish finish -> finish(FinishReasons.toOpenAi(finish.reason(), !toolIndexes.isEmpty()), finish.usage());
            case ChatEvent.Failure failure -> {
                send(OpenAiErrors.fromUpstream(failure.error()));
                send(DONE);
                ended = true;
            }
            // MessageStart, text/thinking BlockStart, BlockStop, SignatureDelta, UsageUpdate and empty deltas carry
            // nothing a Chat Completions client can use (Finish brings the final usage).
            default -> { }
        }
    }

    private void toolCall(int blockIndex, Block.ToolCall call) {
        int index = toolIndexes.size();
        toolIndexes.put(blockIndex, index);
        ObjectNode fragment = object().put("index", index).put("id", call.id()).put("type", "function");
        fragment.putObject("function").put("name", call.name()).put("arguments", "");
        delta(toolCalls(fragment));
    }

    private static ObjectNode toolCalls(ObjectNode fragment) {
        ObjectNode delta = object();
        delta.putArray("tool_calls").add(fragment);
        return delta;
    }

    private void finish(String reason, Usage usage) {
        sendRole();
        send(chunk(object(), reason));
        if (includeUsage) {
            ObjectNode chunk = header();
            chunk.putArray("choices");
            chunk.set("usage", UsageJson.write(usage));
            send(chunk);
        }
        send(DONE);
        ended = true;
    }

    private void delta(ObjectNode delta) {
        sendRole();
        send(chunk(delta, null));
    }

    /** The role chunk comes once, before the first content. */
    private void sendRole() {
        if (!roleSent) {
            roleSent = true;
            send(chunk(object().put("role", "assistant").put("content", ""), null));
        }
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        chunk.putNull("usage");
        return chunk;
    }

    private ObjectNode header() {
        return object().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private void send(JsonNode chunk) {
        started = true;
        sink.send(null, chunk);
    }

    private void send(String data) {
        started = true;
        sink.send(null, data);
    }
}
