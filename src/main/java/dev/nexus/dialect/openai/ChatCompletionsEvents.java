package dev.nexus.dialect.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.Usage;
import dev.nexus.chat.UpstreamError;
import java.util.HashMap;
import java.util.Map;

/**
 * An OpenAI-compatible upstream's answer → canonical events. One instance per response, fed each
 * {@code chat.completion.chunk} in order ({@link #chunk}) and told when the stream is over ({@link #end}, at
 * {@code [DONE]} or end of stream); {@link #fromResponse} does the same for a non-streaming body.
 *
 * <p>Events obey {@link ChatEvent}'s contract: {@code MessageStart} first; blocks never interleave (a text, thinking or
 * tool call block is stopped when another kind of content arrives); {@code UsageUpdate} whenever a chunk carries usage;
 * {@code Finish} only at {@link #end}, since the usage chunk follows the finish chunk. Upstream input is read leniently:
 * missing or mistyped fields are skipped, never thrown. Tool call fragments are matched by {@code index} (or, when an
 * upstream omits it, by position); a fragment with a new id under a known index is a new call; a fragment for a call
 * whose block is already closed cannot be placed and ends the answer in a {@code Failure}.
 */
public final class ChatCompletionsEvents {
    /** Reads relayed answers' usage; a mapper keeps no state between reads. */
    private static final ObjectMapper SCAN = new ObjectMapper();
    private static final byte[] USAGE_OBJECT = "\"usage\":{".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ERROR_FIELD = "\"error\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private enum Open { NONE, TEXT, THINKING, TOOL }

    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private final Map<Integer, String> toolIds = new HashMap<>();
    private boolean started;
    private boolean ended;
    private String responseId = "";
    private Open open = Open.NONE;
    private int block = -1;
    private int lastTool = -1;
    private String finishReason;
    private Usage usage = Usage.ZERO;

    /** Decodes one upstream chunk (already parsed from its {@code data:} line). */
    public void chunk(JsonNode chunk, EventSink sink) {
        if (ended) {
            return;
        }
        if (chunk.hasNonNull("error")) {
            fail(OpenAiErrors.toUpstream(0, chunk), sink);
            return;
        }
        start(chunk, sink);
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String thinking = delta.hasNonNull("reasoning_content") ? text(delta.get("reasoning_content")) : text(delta.path("reasoning"));
        content(Open.THINKING, thinking, sink);
        content(Open.TEXT, text(delta.path("content")), sink);
        content(Open.TEXT, text(delta.path("refusal")), sink);
        for (JsonNode fragment : delta.path("tool_calls")) {
            if (!toolFragment(fragment, sink)) {
                return;
            }
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.get("finish_reason").textValue();
            close(sink);
        }
        if (chunk.path("usage").isObject()) {
            usage = UsageJson.read(chunk.get("usage"));
            sink.accept(new ChatEvent.UsageUpdate(usage));
        }
    }

    /** The stream is over: closes the open block and finishes (a missing finish_reason counts as a normal end). */
    public void end(EventSink sink) {
        if (ended) {
            return;
        }
        start(JsonNodeFactory.instance.objectNode(), sink);
        close(sink);
        StopReason reason = FinishReasons.fromOpenAi(finishReason == null ? "stop" : finishReason, !toolBlocks.isEmpty());
        sink.accept(new ChatEvent.Finish(reason, usage));
        ended = true;
    }

    /** Decodes a non-streaming {@code chat.completion} body (or an error body) into the same events a stream gives. */
    public static void fromResponse(JsonNode body, EventSink sink) {
        ChatCompletionsEvents decoder = new ChatCompletionsEvents();
        decoder.chunk(asChunk(body), sink);
        decoder.end(sink);
    }

    /**
     * Whether a relayed body or chunk, as the upstream wrote it, may carry a usage object: a byte search for
     * {@code "usage":{}, so that the chunks without one (all but the last) are neither decoded nor parsed.
     */
    public static boolean mayCarryUsage(byte[] bodyOrChunk) {
        return contains(bodyOrChunk, USAGE_OBJECT);
    }

    /** Whether a relayed body or chunk may carry an {@code "error"} member (a byte search; only then is it parsed). */
    public static boolean mayCarryError(byte[] bodyOrChunk) {
        return contains(bodyOrChunk, ERROR_FIELD);
    }

    private static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * As {@link #usage(JsonNode)}, read from the bytes: the top level is scanned without building it, and only the
     * {@code usage} object becomes a tree (a relayed answer's choices can be long, and the observer wants three numbers).
     *
     * @throws java.io.IOException when the bytes are not JSON
     */
    public static java.util.Optional<Usage> usage(byte[] bodyOrChunk) throws java.io.IOException {
        try (JsonParser parser = SCAN.createParser(bodyOrChunk)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return java.util.Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean usage = "usage".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (usage && value == JsonToken.START_OBJECT) {
                    return java.util.Optional.of(UsageJson.read(SCAN.readTree(parser)));
                }
                parser.skipChildren();
            }
            return java.util.Optional.empty();
        }
    }

    /** The usage a {@code chat.completion} body or chunk reports, if it carries one (for observers of relayed answers). */
    public static java.util.Optional<Usage> usage(JsonNode bodyOrChunk) {
        JsonNode usage = bodyOrChunk.path("usage");
        return usage.isObject() ? java.util.Optional.of(UsageJson.read(usage)) : java.util.Optional.empty();
    }

    /** The body as one chunk whose delta is the whole message; tool calls get their positions as indexes. */
    private static JsonNode asChunk(JsonNode body) {
        if (!body.path("choices").isArray()) {
            return body;
        }
        ObjectNode chunk = ((ObjectNode) body).deepCopy();
        if (!(chunk.get("choices").get(0) instanceof ObjectNode choice)) {
            return chunk;
        }
        JsonNode message = choice.path("message");
        ObjectNode delta = message.isObject() ? (ObjectNode) message : JsonNodeFactory.instance.objectNode();
        if (delta.path("tool_calls") instanceof ArrayNode calls) {
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i) instanceof ObjectNode call) {
                    call.put("index", i);
                }
            }
        }
        choice.set("delta", delta);
        return chunk;
    }

    private void start(JsonNode chunk, EventSink sink) {
        if (!started) {
            started = true;
            responseId = chunk.path("id").asText("");
            sink.accept(new ChatEvent.MessageStart(responseId, chunk.path("model").asText("")));
        }
    }

    private void content(Open kind, String text, EventSink sink) {
        if (text.isEmpty()) {
            return;
        }
        if (open != kind) {
            close(sink);
            openBlock(kind == Open.TEXT ? new Block.Text() : new Block.Thinking(), kind, sink);
        }
        sink.accept(kind == Open.TEXT ? new ChatEvent.TextDelta(block, text) : new ChatEvent.ThinkingDelta(block, text));
    }

    /** @return false when the fragment could not be placed and the answer failed */
    private boolean toolFragment(JsonNode fragment, EventSink sink) {
        String id = fragment.path("id").asText("");
        int index = fragment.path("index").isInt() ? fragment.get("index").intValue()
                : id.isEmpty() && lastTool >= 0 ? lastTool : toolBlocks.size();
        boolean newCall = !toolBlocks.containsKey(index) || (!id.isEmpty() && !id.equals(toolIds.get(index)));
        if (newCall) {
            close(sink);
            String callId = id.isEmpty() ? "call_" + responseId + "_" + index : id;
            openBlock(new Block.ToolCall(callId, fragment.path("function").path("name").asText("")), Open.TOOL, sink);
            toolBlocks.put(index, block);
            toolIds.put(index, callId);
        } else if (open != Open.TOOL || toolBlocks.get(index) != block) {
            fail(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                    "the upstream interleaved fragments of parallel tool calls; the arguments of call " + index
                            + " cannot be reassembled"), sink);
            return false;
        }
        lastTool = index;
        JsonNode arguments = fragment.path("function").path("arguments");
        String text = arguments.isTextual() ? arguments.textValue() : arguments.isObject() ? arguments.toString() : "";
        if (!text.isEmpty()) {
            sink.accept(new ChatEvent.ToolArgsDelta(block, text));
        }
        return true;
    }

    private void openBlock(Block kind, Open state, EventSink sink) {
        block++;
        open = state;
        sink.accept(new ChatEvent.BlockStart(block, kind));
    }

    private void close(EventSink sink) {
        if (open != Open.NONE) {
            sink.accept(new ChatEvent.BlockStop(block));
            open = Open.NONE;
        }
    }

    private void fail(UpstreamError error, EventSink sink) {
        close(sink);
        sink.accept(new ChatEvent.Failure(error));
        ended = true;
    }

    /** A string, or the text parts of an array of content parts (as some servers send); anything else is empty. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("type").asText("text").equals("text") && part.path("text").isTextual()) {
                text.append(part.get("text").textValue());
            }
        }
        return text.toString();
    }
}
