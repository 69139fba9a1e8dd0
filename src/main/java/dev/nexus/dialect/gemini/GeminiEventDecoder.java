package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.Signature;
import dev.nexus.chat.Usage;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Gemini GenerateContentResponse chunks → {@link ChatEvent}s, for one upstream response (streamed or not: a unary
 * answer is one chunk). Not thread-safe; call {@link #chunk} per chunk in order, then {@link #end} once.
 *
 * <p>Only the first candidate is read. Text becomes a Text block, {@code thought:true} text a Thinking block;
 * consecutive text of one kind stays in one block across chunks. A {@code thoughtSignature} on a text part, or a part
 * that carries only a signature, signs the open Thinking block (a new empty one if none is open — so a signature on
 * ordinary answer text lands in an empty Thinking block after that text, which replays it as a thought part); on a
 * {@code functionCall} part it signs that call. Each call is a complete block (Gemini never splits arguments).
 * Signatures carry {@link GeminiTarget#origin()}. An {@code error} chunk ends the stream with a Failure.
 * {@code groundingMetadata} (Google Search) becomes one {@link ChatEvent.Sources} after the last block, since its spans
 * refer to the whole answer text (see {@link GroundingMetadata}).
 */
public final class GeminiEventDecoder {
    private enum Open { NONE, TEXT, THINKING }

    private final GeminiTarget target;
    private final ToolNames names;
    private final String fallbackId;
    private final RandomGenerator random;
    private boolean started;
    private boolean ended;
    private boolean calledTools;
    private boolean promptBlocked;
    private String finishReason = "";
    private Usage usage = Usage.ZERO;
    private Open open = Open.NONE;
    private int nextIndex;
    private final GroundingMetadata grounding = new GroundingMetadata();
    /** The answer text so far (thoughts excluded), which grounding spans index into. */
    private final StringBuilder answer = new StringBuilder();
    private final boolean searched;

    /** @param fallbackId the message id to use when the upstream sends no {@code responseId} */
    public GeminiEventDecoder(GeminiTarget target, ToolNames names, String fallbackId) {
        this(target, names, fallbackId, true, RandomGenerator.getDefault());
    }

    /**
     * @param searched whether the request offered Google Search: only then can sources come, and only then is the answer
     *     text kept to place their spans (a long stream would otherwise hold a second copy of its text for nothing)
     */
    public GeminiEventDecoder(GeminiTarget target, ToolNames names, String fallbackId, boolean searched) {
        this(target, names, fallbackId, searched, RandomGenerator.getDefault());
    }

    GeminiEventDecoder(GeminiTarget target, ToolNames names, String fallbackId, RandomGenerator random) {
        this(target, names, fallbackId, true, random);
    }

    private GeminiEventDecoder(GeminiTarget target, ToolNames names, String fallbackId, boolean searched,
            RandomGenerator random) {
        this.target = target;
        this.names = names;
        this.fallbackId = fallbackId;
        this.searched = searched;
        this.random = random;
    }

    public void chunk(JsonNode response, EventSink sink) {
        if (ended) {
            throw new IllegalStateException("chunk after the stream ended");
        }
        start(response, sink);
        JsonNode error = Wire.field(response, "error");
        if (error.isObject()) {
            stopOpenBlock(sink);
            ended = true;
            sink.accept(new ChatEvent.Failure(StreamErrors.of(error)));
            return;
        }
        promptBlocked |= Wire.has(Wire.field(response, "promptFeedback"), "blockReason");
        JsonNode candidate = Wire.field(response, "candidates").path(0);
        for (JsonNode part : Wire.field(Wire.field(candidate, "content"), "parts")) {
            part(part, sink);
        }
        if (searched) {
            grounding.add(Wire.field(candidate, "groundingMetadata"));
        }
        String reason = Wire.text(candidate, "finishReason");
        if (!reason.isEmpty()) {
            finishReason = reason;
        }
        JsonNode metadata = Wire.field(response, "usageMetadata");
        if (metadata.isObject()) {
            usage = UsageMetadata.usage(metadata);
            sink.accept(new ChatEvent.UsageUpdate(usage));
        }
    }

    /** Stops the open block and emits the one {@code Finish}; does nothing after a Failure or a second call. */
    public void end(EventSink sink) {
        if (ended) {
            return;
        }
        start(MissingNode.getInstance(), sink);
        stopOpenBlock(sink);
        grounding.sources(answer.toString()).ifPresent(sources -> sink.accept(new ChatEvent.Sources(sources)));
        ended = true;
        sink.accept(new ChatEvent.Finish(FinishReasons.of(finishReason, promptBlocked, calledTools), usage));
    }

    private void start(JsonNode response, EventSink sink) {
        if (started) {
            return;
        }
        started = true;
        String id = Wire.text(response, "responseId");
        String model = Wire.text(response, "modelVersion");
        sink.accept(new ChatEvent.MessageStart(id.isEmpty() ? fallbackId : id, model.isEmpty() ? target.model() : model));
    }

    private void part(JsonNode part, EventSink sink) {
        String signature = Wire.text(part, "thoughtSignature");
        JsonNode call = Wire.field(part, "functionCall");
        if (call.isObject()) {
            toolCall(call, signature, sink);
            return;
        }
        String text = Wire.text(part, "text");
        if (!text.isEmpty()) {
            boolean thought = Wire.field(part, "thought").asBoolean(false);
            int index = ensureOpen(thought ? Open.THINKING : Open.TEXT, sink);
            if (!thought && searched) {
                answer.append(text);
            }
            sink.accept(thought ? new ChatEvent.ThinkingDelta(index, text) : new ChatEvent.TextDelta(index, text));
        }
        if (!signature.isEmpty()) {
            int index = ensureOpen(Open.THINKING, sink);
            sink.accept(new ChatEvent.SignatureDelta(index, new Signature(signature, target.origin())));
        }
        // inlineData output (image generation), executableCode and codeExecutionResult are skipped for now: the
        // canonical model has no block for them yet.
    }

    private void toolCall(JsonNode call, String signature, EventSink sink) {
        stopOpenBlock(sink);
        calledTools = true;
        int index = nextIndex++;
        String id = Wire.text(call, "id");
        String name = names.client(Wire.text(call, "name"));
        JsonNode args = Wire.field(call, "args");
        sink.accept(new ChatEvent.BlockStart(index, new Block.ToolCall(id.isEmpty() ? newCallId() : id, name)));
        sink.accept(new ChatEvent.ToolArgsDelta(index, args.isObject() ? args.toString() : "{}"));
        if (!signature.isEmpty()) {
            sink.accept(new ChatEvent.SignatureDelta(index, new Signature(signature, target.origin())));
        }
        sink.accept(new ChatEvent.BlockStop(index));
    }

    /** The index of an open block of this kind, starting one (and stopping the other kind) if needed. */
    private int ensureOpen(Open kind, EventSink sink) {
        if (open != kind) {
            stopOpenBlock(sink);
            open = kind;
            sink.accept(new ChatEvent.BlockStart(nextIndex, kind == Open.TEXT ? new Block.Text() : new Block.Thinking()));
            nextIndex++;
        }
        return nextIndex - 1;
    }

    private void stopOpenBlock(EventSink sink) {
        if (open != Open.NONE) {
            sink.accept(new ChatEvent.BlockStop(nextIndex - 1));
            open = Open.NONE;
        }
    }

    /** {@code call_} + 24 hex characters, for calls the upstream sent without an id. */
    private String newCallId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "call_" + HexFormat.of().formatHex(bytes);
    }
}
