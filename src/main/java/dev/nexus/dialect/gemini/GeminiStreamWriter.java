package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.Signature;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.Usage;
import dev.nexus.chat.WebSources;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Canonical events → the chunks of a streamed GenerateContentResponse, for a GenAI client whose model is answered by
 * an upstream that does not speak Google's wire format (Codex, OpenAI-compatible, Anthropic). One instance per
 * response; not thread-safe (events arrive in order from one thread). {@link GeminiResponses} folds the same chunks
 * into the unary answer, so stream and non-stream agree.
 *
 * <p>Every chunk is {@code {candidates:[{content:{role:"model",parts:[…]},index:0}], modelVersion, responseId}}:
 * <ul>
 *   <li>a text delta is a {@code text} part; a thinking delta a {@code thought: true} text part, only when the client
 *       asked for thoughts ({@code includeThoughts}), as Gemini does;</li>
 *   <li>a tool call is one {@code functionCall} part (id, name, {@code args} as an object) when its block stops, since
 *       Gemini never streams arguments; its signature rides on the part as {@code thoughtSignature}
 *       ({@link ThoughtSignatures}), as Gemini signs its first call; a thinking block's signature is a signature-only
 *       thought part when thoughts are shown;</li>
 *   <li>each chunk is held until the next one is ready, so the last carries {@code finishReason},
 *       {@code usageMetadata} and any {@code groundingMetadata} together with real content — GenAI clients (Gemini
 *       CLI) treat a final chunk of empty text as a broken stream. An answer with no content at all ends in one chunk
 *       with no parts.</li>
 * </ul>
 * Nothing is written before the second part (or the end), so while {@link #started()} is false the gateway may still
 * fail over, and a {@code Failure} then goes to {@code failures} with nothing written: the front answers it as an HTTP
 * error. After output started, the held chunk is written first, then {@code failures} gets the error for the stream's
 * error element. Events after the end are ignored.
 */
public final class GeminiStreamWriter implements EventSink {
    private final String responseId;
    private final String model;
    private final boolean showThoughts;
    private final Consumer<ObjectNode> chunks;
    private final Consumer<UpstreamError> failures;
    /** The answer's text, kept only when web sources may need their spans counted in its UTF-8 bytes. */
    private final StringBuilder answer;
    private ObjectNode held;
    private boolean started;
    private boolean ended;
    private Usage usage = Usage.ZERO;
    private Optional<WebSources> sources = Optional.empty();

    /** The block being written: its canonical index and kind, a call's arguments so far, and its signature. */
    private int openIndex = -1;
    private Block openBlock;
    private StringBuilder arguments;
    private Optional<Signature> signature = Optional.empty();

    /**
     * @param request the client's request: its model names the answer, its thinking config says whether thoughts are
     *     shown, and whether it offered Google Search says whether sources may come
     * @param responseId the {@code responseId} the client sees
     * @param chunks where each finished chunk goes
     * @param failures where a failure goes (see above)
     */
    public GeminiStreamWriter(ChatRequest request, String responseId, Consumer<ObjectNode> chunks, Consumer<UpstreamError> failures) {
        this.responseId = responseId;
        this.model = request.model();
        this.showThoughts = request.reasoning().includeThoughts().orElse(false);
        this.chunks = chunks;
        this.failures = failures;
        this.answer = request.offersWebSearch() ? new StringBuilder() : null;
    }

    /** Whether any chunk has been written to the client. */
    public boolean started() {
        return started;
    }

    @Override
    public void accept(ChatEvent event) {
        if (ended) {
            return;
        }
        switch (event) {
            case ChatEvent.BlockStart start -> {
                openIndex = start.index();
                openBlock = start.block();
                arguments = openBlock instanceof Block.ToolCall ? new StringBuilder() : null;
                signature = Optional.empty();
            }
            case ChatEvent.TextDelta d when isOpen(d.index()) && openBlock instanceof Block.Text && !d.text().isEmpty() -> {
                if (answer != null) {
                    answer.append(d.text());
                }
                part(Wire.object().put("text", d.text()));
            }
            case ChatEvent.ThinkingDelta d when isOpen(d.index()) && openBlock instanceof Block.Thinking && showThoughts
                    && !d.text().isEmpty() -> part(Wire.object().put("text", d.text()).put("thought", true));
            case ChatEvent.ToolArgsDelta d when isOpen(d.index()) && arguments != null -> arguments.append(d.jsonFragment());
            case ChatEvent.SignatureDelta d when isOpen(d.index()) -> signature = Optional.of(d.signature());
            case ChatEvent.BlockStop stop when isOpen(stop.index()) -> closeBlock();
            case ChatEvent.UsageUpdate update -> usage = update.usage();
            case ChatEvent.Sources found -> sources = Optional.of(found.sources());
            case ChatEvent.Finish finish -> finish(finish);
            case ChatEvent.Failure failure -> {
                flush();
                ended = true;
                failures.accept(failure.error());
            }
            // MessageStart (the id and model are the client's), empty deltas and events of a block that is not open
            // carry nothing a GenAI client can use.
            default -> { }
        }
    }

    private boolean isOpen(int index) {
        return openBlock != null && openIndex == index;
    }

    private void closeBlock() {
        switch (openBlock) {
            case Block.ToolCall call -> {
                ObjectNode part = Wire.object();
                ObjectNode functionCall = part.putObject("functionCall");
                if (!call.id().isEmpty()) {
                    functionCall.put("id", call.id());
                }
                functionCall.put("name", call.name());
                functionCall.set("args", PartEncoder.args(arguments.toString()));
                signature.flatMap(ThoughtSignatures::wrap).ifPresent(s -> part.put("thoughtSignature", s));
                part(part);
            }
            case Block.Thinking thinking when showThoughts -> signature.flatMap(ThoughtSignatures::wrap)
                    .ifPresent(s -> part(Wire.object().put("thought", true).put("thoughtSignature", s)));
            default -> { }
        }
        openBlock = null;
        openIndex = -1;
        arguments = null;
    }

    /** Holds a chunk with this one part, writing the one held before it. */
    private void part(ObjectNode part) {
        flush();
        held = chunk();
        candidate(held).putObject("content").put("role", "model").putArray("parts").add(part);
    }

    private void finish(ChatEvent.Finish finish) {
        if (openBlock != null) {
            closeBlock();
        }
        usage = finish.usage();
        ObjectNode last = held != null ? held : emptyChunk();
        held = null;
        ObjectNode candidate = candidate(last);
        candidate.put("finishReason", FinishReasons.toGemini(finish.reason()));
        sources.ifPresent(web -> candidate.set("groundingMetadata",
                GroundingMetadata.write(web, answer == null ? "" : answer.toString())));
        last.set("usageMetadata", UsageMetadata.write(usage));
        write(last);
        ended = true;
    }

    private void flush() {
        if (held != null) {
            write(held);
            held = null;
        }
    }

    private void write(ObjectNode chunk) {
        started = true;
        chunks.accept(chunk);
    }

    private ObjectNode chunk() {
        ObjectNode chunk = Wire.object();
        chunk.putArray("candidates").addObject().put("index", 0);
        chunk.put("modelVersion", model).put("responseId", responseId);
        return chunk;
    }

    private ObjectNode emptyChunk() {
        ObjectNode chunk = chunk();
        candidate(chunk).putObject("content").put("role", "model").putArray("parts");
        return chunk;
    }

    private static ObjectNode candidate(ObjectNode chunk) {
        return (ObjectNode) ((ArrayNode) chunk.get("candidates")).get(0);
    }
}
