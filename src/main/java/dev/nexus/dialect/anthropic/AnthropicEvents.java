package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.ThinkingReplay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.UpstreamError;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An Anthropic upstream's answer → canonical events. One instance per response, fed each SSE event in order
 * ({@link #event}) and told when the stream is over ({@link #end}); {@link #fromResponse} does the same for a
 * non-streaming {@code message} body (or an error body).
 *
 * <p>Events obey {@link ChatEvent}'s contract: {@code MessageStart} at {@code message_start}; text, thinking and
 * tool_use blocks keep their order with canonical indexes 0, 1, …; thinking signatures become {@code SignatureDelta}s
 * whose origin is read by {@link SignatureEnvelope} (an upstream Anthropic's own are origin {@code anthropic});
 * {@code UsageUpdate} at {@code message_start} and {@code message_delta} (Anthropic's fields merged, so a
 * {@code message_delta} with only {@code output_tokens} keeps the input counts); {@code Finish} at
 * {@code message_stop}; an {@code error} event is a {@code Failure}. A stream that ends after a stop reason but
 * without {@code message_stop} still finishes; one that ends before any stop reason was cut off and fails.
 *
 * <p>Not representable, so skipped with their deltas: {@code redacted_thinking} (the canonical stream has no
 * redacted block; a later turn without it gets thinking turned off by {@link ThinkingReplay}), server-tool blocks
 * ({@code server_tool_use}, {@code web_search_tool_result}, …; the answer's text still says what they found) and
 * {@code citations_delta}. {@code ping} and unknown events are ignored. Upstream input is read leniently.
 */
public final class AnthropicEvents {
    private final Map<Integer, Integer> blocks = new HashMap<>();
    private final ObjectNode usage = JsonNodeFactory.instance.objectNode();
    private boolean started;
    private boolean ended;
    private boolean calledTools;
    private int nextIndex;
    private Integer open;
    private String stopReason;

    /**
     * Decodes one upstream event.
     *
     * @param eventName the SSE {@code event:} name; when null or empty, the data's {@code type} is used
     * @param data the parsed {@code data:} line
     */
    public void event(String eventName, JsonNode data, EventSink sink) {
        if (ended) {
            return;
        }
        String type = eventName == null || eventName.isEmpty() ? data.path("type").asText("") : eventName;
        switch (type) {
            case "message_start" -> {
                start(data.path("message"), sink);
                usage(data.path("message").path("usage"), sink);
            }
            case "content_block_start" -> blockStart(data.path("index").asInt(-1), data.path("content_block"), sink);
            case "content_block_delta" -> delta(data.path("index").asInt(-1), data.path("delta"), sink);
            case "content_block_stop" -> {
                Integer index = blocks.get(data.path("index").asInt(-1));
                if (index != null && index.equals(open)) {
                    close(sink);
                }
            }
            case "message_delta" -> {
                JsonNode reason = data.path("delta").path("stop_reason");
                if (reason.isTextual()) {
                    stopReason = reason.textValue();
                }
                usage(data.path("usage"), sink);
            }
            case "message_stop" -> finish(sink);
            case "error" -> fail(AnthropicErrors.toUpstream(0, data), sink);
            default -> { } // ping, and events added after this was written
        }
    }

    /** The stream is over: finishes if a stop reason came, else fails as cut off. Nothing after a finish or failure. */
    public void end(EventSink sink) {
        if (ended) {
            return;
        }
        if (stopReason != null) {
            finish(sink);
        } else {
            fail(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, "the upstream's stream ended before the answer was complete"), sink);
        }
    }

    /** Decodes a non-streaming {@code message} body (or an error body) into the same events a stream gives. */
    public static void fromResponse(JsonNode body, EventSink sink) {
        AnthropicEvents decoder = new AnthropicEvents();
        if (body.path("type").asText("").equals("error") || body.path("error").isObject()) {
            decoder.fail(AnthropicErrors.toUpstream(0, body), sink);
            return;
        }
        decoder.start(body, sink);
        decoder.usage(body.path("usage"), sink);
        int index = 0;
        for (JsonNode block : body.path("content")) {
            decoder.blockStart(index, block, sink);
            decoder.event("content_block_stop", JsonNodeFactory.instance.objectNode().put("index", index), sink);
            index++;
        }
        JsonNode reason = body.path("stop_reason");
        decoder.stopReason = reason.isTextual() ? reason.textValue() : "end_turn";
        decoder.finish(sink);
    }

    private void start(JsonNode message, EventSink sink) {
        if (!started) {
            started = true;
            sink.accept(new ChatEvent.MessageStart(message.path("id").asText(""), message.path("model").asText("")));
        }
    }

    /**
     * Opens a block. A block's starting content (whole in a non-stream body; normally empty in a stream) becomes its
     * first deltas.
     */
    private void blockStart(int upstreamIndex, JsonNode block, EventSink sink) {
        start(JsonNodeFactory.instance.objectNode(), sink);
        close(sink);
        Block kind = switch (block.path("type").asText("")) {
            case "text" -> new Block.Text();
            case "thinking" -> new Block.Thinking();
            case "tool_use" -> new Block.ToolCall(block.path("id").asText(""), block.path("name").asText(""));
            default -> null;
        };
        if (kind == null) {
            return;
        }
        int index = nextIndex++;
        blocks.put(upstreamIndex, index);
        open = index;
        sink.accept(new ChatEvent.BlockStart(index, kind));
        switch (kind) {
            case Block.Text text -> delta(upstreamIndex, block.path("text"), "text_delta", "text", sink);
            case Block.Thinking thinking -> {
                delta(upstreamIndex, block.path("thinking"), "thinking_delta", "thinking", sink);
                delta(upstreamIndex, block.path("signature"), "signature_delta", "signature", sink);
            }
            case Block.ToolCall call -> {
                calledTools = true;
                JsonNode input = block.path("input");
                if (input.isObject() && !input.isEmpty()) {
                    delta(upstreamIndex, input.toString(), "input_json_delta", "partial_json", sink);
                }
            }
        }
    }

    private void delta(int upstreamIndex, JsonNode value, String type, String field, EventSink sink) {
        if (value.isTextual()) {
            delta(upstreamIndex, value.textValue(), type, field, sink);
        }
    }

    private void delta(int upstreamIndex, String value, String type, String field, EventSink sink) {
        delta(upstreamIndex, JsonNodeFactory.instance.objectNode().put("type", type).put(field, value), sink);
    }

    private void delta(int upstreamIndex, JsonNode delta, EventSink sink) {
        Integer index = blocks.get(upstreamIndex);
        if (index == null || !index.equals(open)) {
            return;
        }
        switch (delta.path("type").asText("")) {
            case "text_delta" -> text(delta.path("text")).ifPresent(t -> sink.accept(new ChatEvent.TextDelta(index, t)));
            case "thinking_delta" -> text(delta.path("thinking")).ifPresent(t -> sink.accept(new ChatEvent.ThinkingDelta(index, t)));
            case "input_json_delta" -> text(delta.path("partial_json")).ifPresent(t -> sink.accept(new ChatEvent.ToolArgsDelta(index, t)));
            case "signature_delta" -> text(delta.path("signature")).flatMap(SignatureEnvelope::unwrap)
                    .ifPresent(s -> sink.accept(new ChatEvent.SignatureDelta(index, s)));
            default -> { } // citations_delta and future delta types
        }
    }

    private static Optional<String> text(JsonNode value) {
        return value.isTextual() && !value.textValue().isEmpty() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private void usage(JsonNode fields, EventSink sink) {
        if (fields.isObject()) {
            fields.properties().forEach(field -> {
                if (field.getValue().isNumber()) {
                    usage.set(field.getKey(), field.getValue());
                }
            });
            sink.accept(new ChatEvent.UsageUpdate(UsageJson.read(usage)));
        }
    }

    private void finish(EventSink sink) {
        start(JsonNodeFactory.instance.objectNode(), sink);
        close(sink);
        StopReason reason = StopReasons.fromAnthropic(stopReason == null ? "end_turn" : stopReason, calledTools);
        sink.accept(new ChatEvent.Finish(reason, UsageJson.read(usage)));
        ended = true;
    }

    private void close(EventSink sink) {
        if (open != null) {
            sink.accept(new ChatEvent.BlockStop(open));
            open = null;
        }
    }

    private void fail(UpstreamError error, EventSink sink) {
        close(sink);
        sink.accept(new ChatEvent.Failure(error));
        ended = true;
    }
}
