package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.Signature;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.Usage;
import java.time.Instant;
import java.util.Optional;

/**
 * A Responses API upstream's SSE answer (the Codex backend's) → canonical events. One instance per response, fed each
 * event's parsed {@code data} in order ({@link #event}; the type is read from the data's {@code type}, which repeats
 * the {@code event:} name), then told the stream is over ({@link #end}). Not thread-safe.
 *
 * <p>Each output item becomes one block, in output order: a {@code message} a Text block (its {@code output_text} and
 * {@code refusal} deltas), a {@code reasoning} item a Thinking block (its summary deltas, several summary parts joined
 * by a blank line, and raw {@code reasoning_text} deltas), a {@code function_call} a ToolCall block under its
 * {@code call_id}. {@code output_item.done} is the source of truth, as Codex treats it: content the deltas did not carry
 * is sent from it, and a reasoning item's {@code encrypted_content} becomes the block's {@link Signature} with
 * {@link #origin}, so it is replayed to this upstream only (an item without a summary still gives an empty, signed
 * Thinking block). The first function call after a reasoning item carries the same signature, as Gemini's first
 * {@code functionCall} carries its thought signature: clients that cannot replay thinking (Chat Completions) still
 * replay the call, and the gateway's tool signatures put the reasoning back before it. The backend's web search
 * becomes one {@code Sources} before the finish ({@link ResponsesSources}: the searches' queries, the text's
 * {@code url_citation} annotations). Other items (custom tools, shell calls) are skipped: the canonical model has no
 * block for them.
 * A block is stopped when its item is done or when another item starts, so blocks never interleave.
 *
 * <p>{@code response.completed} finishes with its usage, as {@code TOOL_USE} when the answer called a function;
 * {@code response.incomplete} with {@code MAX_TOKENS} or {@code CONTENT_FILTER}; {@code response.failed} and
 * {@code error} events end in a {@code Failure} ({@link CodexErrors#fromStream}). A stream that ends without any of
 * them fails ("stream closed before response.completed"), as Codex says. Upstream input is read leniently: unknown
 * events and missing fields are skipped, never thrown.
 */
public final class ResponsesEvents {
    private final String origin;
    private final String fallbackId;
    private final String fallbackModel;
    private final Instant now;
    private boolean started;
    private boolean ended;
    private boolean calledTools;
    private Optional<CodexError> failure = Optional.empty();
    private int nextIndex;
    /** The item whose block is open, by output index; -1 when none. */
    private int openItem = -1;
    private Block openKind;
    /** Whether the open block received content from deltas (then {@code output_item.done} adds none). */
    private boolean streamed;
    private int summaryIndex;
    /** The encrypted reasoning no function call carries yet. */
    private String uncarried = "";
    private final ResponsesSources sources = new ResponsesSources();
    /** The length of the answer text so far (Text blocks only), and where the open Text block starts in it. */
    private int answerLength;
    private int textFrom;

    /**
     * @param origin the signature origin of this upstream, e.g. {@code "codex"}
     * @param fallbackId the message id when the upstream names none
     * @param fallbackModel the model when the upstream names none
     * @param now when the answer arrived, to turn a reset time into a wait
     */
    public ResponsesEvents(String origin, String fallbackId, String fallbackModel, Instant now) {
        this.origin = origin;
        this.fallbackId = fallbackId;
        this.fallbackModel = fallbackModel;
        this.now = now;
    }

    /** Whether a terminal event (completed, incomplete, failed, error) arrived. */
    public boolean ended() {
        return ended;
    }

    /** The upstream's failure, when the answer ended in one; the provider classifies it. */
    public Optional<CodexError> failure() {
        return failure;
    }

    public void event(JsonNode data, EventSink sink) {
        if (ended) {
            return;
        }
        String type = data.path("type").asText("");
        JsonNode response = data.path("response");
        if (type.equals("error")) {
            fail(CodexErrors.fromStream(data.has("error") ? data.path("error") : data, now), sink);
            return;
        }
        start(response, sink);
        switch (type) {
            case "response.output_item.added" -> added(data.path("output_index").asInt(-1), data.path("item"), sink);
            case "response.output_text.delta", "response.refusal.delta" -> delta(data, Kind.TEXT, sink);
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                int part = data.path("summary_index").asInt(summaryIndex);
                if (part != summaryIndex && streamed && isOpen(data, Kind.THINKING)) {
                    sink.accept(new ChatEvent.ThinkingDelta(nextIndex - 1, "\n\n"));
                }
                summaryIndex = part;
                delta(data, Kind.THINKING, sink);
            }
            case "response.function_call_arguments.delta" -> delta(data, Kind.TOOL, sink);
            case "response.output_item.done" -> done(data.path("output_index").asInt(-1), data.path("item"), sink);
            case "response.completed" -> finish(calledTools ? StopReason.TOOL_USE : StopReason.END_TURN, response, sink);
            case "response.incomplete" -> finish(switch (response.path("incomplete_details").path("reason").asText("")) {
                case "content_filter" -> StopReason.CONTENT_FILTER;
                default -> StopReason.MAX_TOKENS;
            }, response, sink);
            case "response.failed" -> fail(CodexErrors.fromStream(response.path("error"), now), sink);
            default -> { } // created, in_progress, content parts, done events of deltas, annotations, rate limits …
        }
    }

    /** The stream is over: without a terminal event the answer is cut short, which is a failure. */
    public void end(EventSink sink) {
        if (ended) {
            return;
        }
        fail(CodexErrors.streamClosed(), sink);
    }

    private enum Kind { TEXT, THINKING, TOOL }

    private void start(JsonNode response, EventSink sink) {
        if (started) {
            return;
        }
        started = true;
        String id = response.path("id").asText("");
        String model = response.path("model").asText("");
        sink.accept(new ChatEvent.MessageStart(id.isEmpty() ? fallbackId : id, model.isEmpty() ? fallbackModel : model));
    }

    private void added(int outputIndex, JsonNode item, EventSink sink) {
        Block block = switch (item.path("type").asText("")) {
            case "message" -> new Block.Text();
            case "reasoning" -> new Block.Thinking();
            case "function_call" -> {
                calledTools = true;
                yield new Block.ToolCall(item.path("call_id").asText(""), item.path("name").asText(""));
            }
            default -> null;
        };
        stopOpen(sink);
        if (block != null) {
            sink.accept(new ChatEvent.BlockStart(nextIndex++, block));
            openItem = outputIndex;
            openKind = block;
            streamed = false;
            summaryIndex = 0;
            textFrom = answerLength;
            if (block instanceof Block.ToolCall && !uncarried.isEmpty()) {
                sink.accept(new ChatEvent.SignatureDelta(nextIndex - 1, new Signature(uncarried, origin)));
                uncarried = "";
            }
        }
    }

    private boolean isOpen(JsonNode data, Kind kind) {
        return openKind != null && data.path("output_index").asInt(-1) == openItem && kind(openKind) == kind;
    }

    private void delta(JsonNode data, Kind kind, EventSink sink) {
        String text = data.path("delta").asText("");
        if (text.isEmpty() || !isOpen(data, kind)) {
            return;
        }
        streamed = true;
        int index = nextIndex - 1;
        if (kind == Kind.TEXT) {
            answerLength += text.length();
        }
        sink.accept(switch (kind) {
            case TEXT -> new ChatEvent.TextDelta(index, text);
            case THINKING -> new ChatEvent.ThinkingDelta(index, text);
            case TOOL -> new ChatEvent.ToolArgsDelta(index, text);
        });
    }

    /** Sends what the deltas did not carry, the reasoning's signature, and stops the block. */
    private void done(int outputIndex, JsonNode item, EventSink sink) {
        if (item.path("type").asText("").equals("web_search_call")) {
            sources.search(item);
        }
        if (openKind == null || outputIndex != openItem) {
            added(outputIndex, item, sink);
            if (openKind == null) {
                return;
            }
        }
        int index = nextIndex - 1;
        if (!streamed) {
            String content = switch (kind(openKind)) {
                case TEXT -> joined(item.path("content"), "text", "");
                case THINKING -> joined(item.path("summary"), "text", "\n\n");
                case TOOL -> item.path("arguments").asText("");
            };
            if (!content.isEmpty()) {
                if (openKind instanceof Block.Text) {
                    answerLength += content.length();
                }
                sink.accept(switch (kind(openKind)) {
                    case TEXT -> new ChatEvent.TextDelta(index, content);
                    case THINKING -> new ChatEvent.ThinkingDelta(index, content);
                    case TOOL -> new ChatEvent.ToolArgsDelta(index, content);
                });
            }
        }
        if (openKind instanceof Block.Text) {
            sources.message(item, textFrom);
        }
        String encrypted = item.path("encrypted_content").asText("");
        if (openKind instanceof Block.Thinking && !encrypted.isEmpty()) {
            sink.accept(new ChatEvent.SignatureDelta(index, new Signature(encrypted, origin)));
            uncarried = encrypted;
        }
        stopOpen(sink);
    }

    private static Kind kind(Block block) {
        return switch (block) {
            case Block.Text t -> Kind.TEXT;
            case Block.Thinking t -> Kind.THINKING;
            case Block.ToolCall c -> Kind.TOOL;
        };
    }

    /** The texts of a message's content parts (output text and refusals) or of a reasoning item's summaries. */
    private static String joined(JsonNode parts, String field, String separator) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : parts) {
            String text = part.path(part.path("type").asText("").equals("refusal") ? "refusal" : field).asText("");
            if (!text.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append(separator);
                }
                out.append(text);
            }
        }
        return out.toString();
    }

    private void stopOpen(EventSink sink) {
        if (openKind != null) {
            sink.accept(new ChatEvent.BlockStop(nextIndex - 1));
            openKind = null;
            openItem = -1;
        }
    }

    private void finish(StopReason reason, JsonNode response, EventSink sink) {
        stopOpen(sink);
        sources.sources().ifPresent(found -> sink.accept(new ChatEvent.Sources(found)));
        Usage usage = usage(response.path("usage"));
        ended = true;
        sink.accept(new ChatEvent.Finish(reason, usage));
    }

    /** A failure before anything arrived is the only event: there is no message to start. */
    private void fail(CodexError error, EventSink sink) {
        stopOpen(sink);
        failure = Optional.of(error);
        ended = true;
        sink.accept(new ChatEvent.Failure(error.error()));
    }

    /** Responses usage: input tokens include cached ones and output tokens reasoning ones, as canonical usage counts. */
    static Usage usage(JsonNode usage) {
        return new Usage(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0),
                usage.path("input_tokens_details").path("cached_tokens").asLong(0),
                usage.path("output_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
