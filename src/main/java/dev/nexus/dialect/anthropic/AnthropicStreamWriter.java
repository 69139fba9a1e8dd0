package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.Signature;
import dev.nexus.chat.Usage;
import dev.nexus.dialect.SseSink;
import java.util.Optional;

/**
 * Canonical events → Anthropic Messages SSE (named events). One instance per response; not thread-safe (events arrive
 * in order from one thread).
 *
 * <p>The sequence: {@code message_start} (empty content, the usage known so far — usually zero, the real counts come
 * in {@code message_delta}), {@code ping}, then per block {@code content_block_start} / deltas /
 * {@code content_block_stop}, then {@code message_delta} (stop reason, cumulative usage) and {@code message_stop}.
 * Blocks are numbered 0, 1, … in the order they start, whatever their canonical indexes. Every {@code data:} is a
 * Jackson-written JSON object.
 *
 * <ul>
 *   <li>Nothing is written until the first block starts (or the answer finishes empty): {@code MessageStart} alone
 *       writes nothing, so while {@link #started()} is false the gateway may still fail over, and a
 *       {@code Failure} writes nothing at all — the front answers it as an HTTP error instead.</li>
 *   <li>A thinking block's signature is written once, as a {@code signature_delta} just before its
 *       {@code content_block_stop} (the last one wins), wrapped in {@link SignatureEnvelope} so its origin comes back
 *       when the client replays it. A block that carries only a signature is a thinking block with no thinking text.</li>
 *   <li>A signature on a tool call has no slot in Anthropic's {@code tool_use}: it is dropped here. The gateway keeps
 *       it by tool-call id ({@code gateway.ToolSignatures}) and restores it when the client replays the call.</li>
 *   <li>Mid-stream usage updates are remembered for {@code message_delta}; Anthropic has no event for them.</li>
 *   <li>A {@code Failure} after output started is one {@code error} event, and the stream ends there, without
 *       {@code message_stop}, so the client knows the answer is incomplete. Events after the end are ignored.</li>
 *   <li>When the client offered the web search tool, the answer is held and written whole at its end, block by
 *       block as {@link AnthropicResponses#encode} lays it out: the upstream sends its sources with the last chunk,
 *       and Anthropic puts the {@code server_tool_use} and {@code web_search_tool_result} blocks before the text,
 *       whose citations come as {@code citations_delta}s before its {@code text_delta}.</li>
 * </ul>
 */
public final class AnthropicStreamWriter implements EventSink {
    private enum Kind { TEXT, THINKING, TOOL }

    /** The block being written: its canonical index, its Anthropic index, and the signature to write at its end. */
    private static final class Open {
        final int canonical;
        final int index;
        final Kind kind;
        Optional<Signature> signature = Optional.empty();

        Open(int canonical, int index, Kind kind) {
            this.canonical = canonical;
            this.index = index;
            this.kind = kind;
        }
    }

    private final SseSink sink;
    private final String messageId;
    private final String model;
    private Open open;
    private int nextIndex;
    private boolean calledTools;
    private boolean started;
    private boolean ended;
    private Usage usage = Usage.ZERO;
    /** Collects the answer while it is held (see above); null when events are written as they come. */
    private ChatResponse.Collector held;

    /**
     * @param messageId the id the client sees, e.g. {@code msg_…}
     * @param model the model name the client asked for
     */
    public AnthropicStreamWriter(SseSink sink, String messageId, String model) {
        this(sink, messageId, model, false);
    }

    /** @param searching whether the client offered the web search tool (then the answer is written whole, see above) */
    public AnthropicStreamWriter(SseSink sink, String messageId, String model, boolean searching) {
        this.sink = sink;
        this.messageId = messageId;
        this.model = model;
        this.held = searching ? new ChatResponse.Collector() : null;
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
        if (held != null) {
            held.accept(event);
            switch (event) {
                case ChatEvent.Finish f -> writeWhole(AnthropicResponses.encode(held.response(), messageId, model, true));
                case ChatEvent.Failure f -> ended = true; // nothing was written: the front answers an HTTP error
                default -> { }
            }
            return;
        }
        switch (event) {
            case ChatEvent.BlockStart start -> startBlock(start);
            case ChatEvent.TextDelta d when isOpen(d.index(), Kind.TEXT) && !d.text().isEmpty() ->
                    delta(object().put("type", "text_delta").put("text", d.text()));
            case ChatEvent.ThinkingDelta d when isOpen(d.index(), Kind.THINKING) && !d.text().isEmpty() ->
                    delta(object().put("type", "thinking_delta").put("thinking", d.text()));
            case ChatEvent.ToolArgsDelta d when isOpen(d.index(), Kind.TOOL) && !d.jsonFragment().isEmpty() ->
                    delta(object().put("type", "input_json_delta").put("partial_json", d.jsonFragment()));
            case ChatEvent.SignatureDelta d when isOpen(d.index(), Kind.THINKING) -> open.signature = Optional.of(d.signature());
            case ChatEvent.BlockStop stop when open != null && open.canonical == stop.index() -> stopBlock();
            case ChatEvent.UsageUpdate update -> usage = update.usage();
            case ChatEvent.Finish finish -> finish(finish);
            case ChatEvent.Failure failure -> {
                if (started) {
                    send("error", AnthropicErrors.fromUpstream(failure.error()));
                }
                ended = true;
            }
            // MessageStart (the id and model are the client's), tool-call signatures (see above), empty deltas and
            // events for a block that is not open carry nothing an Anthropic client can use.
            default -> { }
        }
    }

    private void startBlock(ChatEvent.BlockStart start) {
        begin();
        stopBlock();
        ObjectNode block = object();
        Kind kind = switch (start.block()) {
            case Block.Text text -> {
                block.put("type", "text").put("text", "");
                yield Kind.TEXT;
            }
            case Block.Thinking thinking -> {
                block.put("type", "thinking").put("thinking", "").put("signature", "");
                yield Kind.THINKING;
            }
            case Block.ToolCall call -> {
                block.put("type", "tool_use").put("id", call.id()).put("name", call.name()).putObject("input");
                calledTools = true;
                yield Kind.TOOL;
            }
        };
        open = new Open(start.index(), nextIndex++, kind);
        ObjectNode data = object().put("type", "content_block_start").put("index", open.index);
        data.set("content_block", block);
        send("content_block_start", data);
    }

    private void stopBlock() {
        if (open == null) {
            return;
        }
        open.signature.flatMap(SignatureEnvelope::wrap)
                .ifPresent(signature -> delta(object().put("type", "signature_delta").put("signature", signature)));
        send("content_block_stop", object().put("type", "content_block_stop").put("index", open.index));
        open = null;
    }

    private void finish(ChatEvent.Finish finish) {
        usage = finish.usage();
        begin();
        stopBlock();
        ObjectNode data = object().put("type", "message_delta");
        data.putObject("delta").put("stop_reason", StopReasons.toAnthropic(finish.reason(), calledTools)).putNull("stop_sequence");
        data.set("usage", UsageJson.write(usage));
        send("message_delta", data);
        send("message_stop", object().put("type", "message_stop"));
        ended = true;
    }

    /** A complete message body written as a stream: each block opened empty, filled by deltas, and stopped. */
    private void writeWhole(ObjectNode message) {
        begin();
        for (JsonNode block : message.path("content")) {
            int index = nextIndex++;
            ObjectNode start = object().put("type", "content_block_start").put("index", index);
            start.set("content_block", opening((ObjectNode) block));
            send("content_block_start", start);
            switch (block.path("type").asText()) {
                case "text" -> {
                    for (JsonNode citation : block.path("citations")) {
                        ObjectNode delta = object().put("type", "citations_delta");
                        delta.set("citation", citation);
                        delta(index, delta);
                    }
                    delta(index, object().put("type", "text_delta").put("text", block.path("text").asText()));
                }
                case "thinking" -> {
                    delta(index, object().put("type", "thinking_delta").put("thinking", block.path("thinking").asText()));
                    if (!block.path("signature").asText().isEmpty()) {
                        delta(index, object().put("type", "signature_delta").put("signature", block.path("signature").asText()));
                    }
                }
                case "tool_use", "server_tool_use" ->
                        delta(index, object().put("type", "input_json_delta").put("partial_json", block.path("input").toString()));
                default -> { } // redacted thinking and search results arrive whole in their start
            }
            send("content_block_stop", object().put("type", "content_block_stop").put("index", index));
        }
        ObjectNode data = object().put("type", "message_delta");
        data.putObject("delta").put("stop_reason", message.path("stop_reason").asText()).putNull("stop_sequence");
        data.set("usage", message.path("usage"));
        send("message_delta", data);
        send("message_stop", object().put("type", "message_stop"));
        ended = true;
    }

    /** A block as its {@code content_block_start} shows it: content that deltas bring is empty. */
    private static ObjectNode opening(ObjectNode block) {
        ObjectNode opening = block.deepCopy();
        switch (block.path("type").asText()) {
            case "text" -> opening.put("text", "").remove("citations");
            case "thinking" -> opening.put("thinking", "").put("signature", "");
            case "tool_use", "server_tool_use" -> opening.putObject("input");
            default -> { }
        }
        return opening;
    }

    /** {@code message_start} and {@code ping}, once, before the first block or the finish. */
    private void begin() {
        if (started) {
            return;
        }
        ObjectNode message = object().put("id", messageId).put("type", "message").put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", UsageJson.write(usage));
        ObjectNode data = object().put("type", "message_start");
        data.set("message", message);
        send("message_start", data);
        send("ping", object().put("type", "ping"));
    }

    private boolean isOpen(int canonical, Kind kind) {
        return open != null && open.canonical == canonical && open.kind == kind;
    }

    private void delta(ObjectNode delta) {
        delta(open.index, delta);
    }

    private void delta(int index, ObjectNode delta) {
        ObjectNode data = object().put("type", "content_block_delta").put("index", index);
        data.set("delta", delta);
        send("content_block_delta", data);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Serialized by the sink as compact, valid JSON; user text is never concatenated into it. */
    private void send(String event, ObjectNode data) {
        started = true;
        sink.send(event, data);
    }
}
