package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.Usage;
import dev.nexus.chat.WebSources;
import dev.nexus.dialect.SseSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical events → Responses API SSE: named events ({@code event: response.output_text.delta}) whose data repeats the
 * {@code type} and carries an increasing {@code sequence_number} from 0; no {@code [DONE]}. One instance per response;
 * not thread-safe (events arrive in order from one thread).
 *
 * <p>Nothing is written until there is something to say, so while {@link #started()} is false the gateway may still
 * fail over: {@code response.created} and {@code response.in_progress} come just before the first output item (a
 * tool call's start, or the first non-empty text or thinking delta) or the terminal event. Each canonical block
 * becomes one output item, numbered in the order written:
 * <ul>
 *   <li>text → a {@code message} item with one {@code output_text} part ({@code output_item.added},
 *       {@code content_part.added}, {@code output_text.delta}…, {@code output_text.done}, {@code content_part.done},
 *       {@code output_item.done});</li>
 *   <li>thinking → a {@code reasoning} item with one {@code summary_text} part
 *       ({@code reasoning_summary_part.added}, {@code reasoning_summary_text.delta}…, {@code .done},
 *       {@code reasoning_summary_part.done}); signatures are not written: they are bound to their upstream and
 *       Responses has no slot for them ({@code encrypted_content} is OpenAI's own);</li>
 *   <li>tool call → a {@code function_call} item ({@code function_call_arguments.delta}…, {@code .done}).</li>
 * </ul>
 * Text and thinking blocks that stay empty write nothing. {@code Finish} closes any open item and writes exactly one
 * {@code response.completed} (or {@code response.incomplete} with {@code incomplete_details.reason}) carrying the
 * whole response with its usage; {@code Failure} writes {@code response.failed} with the error and the items finished
 * so far. Either way the stream ends, and any later event is ignored. The terminal response equals
 * {@link ResponsesResponses#encode} of the same events collected.
 *
 * <p>When the client asked for web search, the text still streams as it comes, but the events from the first text
 * item's end on are held until the answer ends: the upstream sends its sources with the last chunk, and the
 * {@code url_citation} annotations ({@code output_text.annotation.added}) go before {@code output_text.done}. The
 * {@code web_search_call} item follows the answer's items (Google reports the search only once the answer is done).
 * Holding the whole answer would keep every reply of a client that always offers search (Codex does) from streaming.
 */
public final class ResponsesStreamWriter implements EventSink {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SseSink sink;
    private final String responseId;
    private final String model;
    private final long createdAt;
    /** Finished output items, in output order. */
    private final ArrayNode output = JSON.arrayNode();
    /** Blocks started and not stopped, by canonical index. */
    private final Map<Integer, Item> open = new TreeMap<>();
    private int nextOutputIndex;
    private int sequence;
    private boolean started;
    private boolean ended;
    /** Whether the client asked for web search, so sources may come at the end (see above). */
    private final boolean searching;
    /** Whether events are held until the answer ends: a text item ended while sources may still come. */
    private boolean holding;
    private final List<ChatEvent> held = new ArrayList<>();
    private WebSources sources;
    /** The length of the answer text written so far, where the next text item starts in it. */
    private int textAt;

    /**
     * @param responseId the {@code resp_…} id of this response; item ids derive from it
     * @param model the model name the client asked for, echoed in the response object
     * @param createdAt the epoch second the response was created
     */
    public ResponsesStreamWriter(SseSink sink, String responseId, String model, long createdAt) {
        this(sink, responseId, model, createdAt, false);
    }

    /** @param searching whether the client asked for web search (then sources may annotate the text at its end) */
    public ResponsesStreamWriter(SseSink sink, String responseId, String model, long createdAt, boolean searching) {
        this.sink = sink;
        this.responseId = responseId;
        this.model = model;
        this.createdAt = createdAt;
        this.searching = searching;
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
        if (searching) {
            switch (event) {
                case ChatEvent.Sources found -> sources = found.sources();
                case ChatEvent.Finish f -> release(event);
                case ChatEvent.Failure f -> release(event);
                case ChatEvent.BlockStop stop when holding || endsText(stop) -> {
                    holding = true;
                    held.add(event);
                }
                default -> {
                    if (holding) {
                        held.add(event);
                    } else {
                        write(event);
                    }
                }
            }
            return;
        }
        write(event);
    }

    private boolean endsText(ChatEvent.BlockStop stop) {
        Item item = open.get(stop.index());
        return item != null && item.block instanceof Block.Text;
    }

    /** Writes the held end of the answer (its text annotated when sources came), the search, then the end. */
    private void release(ChatEvent end) {
        holding = false;
        held.forEach(this::write);
        held.clear();
        if (sources != null && end instanceof ChatEvent.Finish) {
            // Items still open close first, so the search follows every item of the answer.
            List.copyOf(open.keySet()).forEach(this::close);
            begin();
            webSearchCall();
        }
        write(end);
    }

    private void webSearchCall() {
        int outputIndex = nextOutputIndex++;
        String id = ResponsesObjects.itemId("ws", responseId, outputIndex);
        ObjectNode added = event("response.output_item.added").put("output_index", outputIndex);
        added.set("item", ResponsesObjects.webSearchCall(id, "in_progress", sources));
        send(added);
        for (String stage : List.of("in_progress", "searching", "completed")) {
            send(event("response.web_search_call." + stage).put("output_index", outputIndex).put("item_id", id));
        }
        ObjectNode item = ResponsesObjects.webSearchCall(id, "completed", sources);
        ObjectNode done = event("response.output_item.done").put("output_index", outputIndex);
        done.set("item", item);
        send(done);
        output.add(item.deepCopy());
    }

    private void write(ChatEvent event) {
        switch (event) {
            case ChatEvent.BlockStart start -> {
                Item item = new Item(start.block(), textAt);
                open.put(start.index(), item);
                if (start.block() instanceof Block.ToolCall) {
                    emitAdded(item);
                }
            }
            case ChatEvent.TextDelta d when !d.text().isEmpty() -> delta(d.index(), d.text());
            case ChatEvent.ThinkingDelta d when !d.text().isEmpty() -> delta(d.index(), d.text());
            case ChatEvent.ToolArgsDelta d when !d.jsonFragment().isEmpty() -> delta(d.index(), d.jsonFragment());
            case ChatEvent.BlockStop stop -> close(stop.index());
            case ChatEvent.Finish finish -> {
                List.copyOf(open.keySet()).forEach(this::close);
                begin();
                String status = ResponsesObjects.status(finish.reason());
                terminal("response." + status, status, finish.reason(), finish.usage(), null);
            }
            case ChatEvent.Failure failure -> {
                begin();
                terminal("response.failed", "failed", null, null, failure.error());
            }
            // MessageStart, SignatureDelta, UsageUpdate (Finish carries the final usage), empty deltas and Sources
            // (only shown when held, when the client asked for search) write nothing.
            default -> { }
        }
    }

    private void delta(int index, String text) {
        Item item = open.get(index);
        if (item == null) {
            return;
        }
        if (item.outputIndex < 0) {
            emitAdded(item);
        }
        item.text.append(text);
        if (item.block instanceof Block.Text) {
            textAt += text.length();
        }
        ObjectNode event = switch (item.block) {
            case Block.Text t -> located("response.output_text.delta", item).put("content_index", 0).put("delta", text);
            case Block.Thinking t -> located("response.reasoning_summary_text.delta", item).put("summary_index", 0)
                    .put("delta", text);
            case Block.ToolCall c -> located("response.function_call_arguments.delta", item).put("delta", text);
        };
        if (item.block instanceof Block.Text) {
            event.putArray("logprobs");
        }
        send(event);
    }

    /** Writes the item's opening events (after the response's own, the first time). */
    private void emitAdded(Item item) {
        begin();
        item.outputIndex = nextOutputIndex++;
        switch (item.block) {
            case Block.Text t -> {
                item.id = ResponsesObjects.itemId("msg", responseId, item.outputIndex);
                send(added(item, ResponsesObjects.message(item.id, "in_progress", null)));
                ObjectNode part = located("response.content_part.added", item).put("content_index", 0);
                part.set("part", ResponsesObjects.outputText(""));
                send(part);
            }
            case Block.Thinking t -> {
                item.id = ResponsesObjects.itemId("rs", responseId, item.outputIndex);
                send(added(item, ResponsesObjects.reasoning(item.id, List.of())));
                ObjectNode part = located("response.reasoning_summary_part.added", item).put("summary_index", 0);
                part.set("part", ResponsesObjects.summaryText(""));
                send(part);
            }
            case Block.ToolCall c -> {
                item.id = ResponsesObjects.itemId("fc", responseId, item.outputIndex);
                send(added(item, ResponsesObjects.functionCall(item.id, c.id(), c.name(), "", "in_progress")));
            }
        }
    }

    /** Writes the item's closing events and files it in the output; an item never written is dropped. */
    private void close(int index) {
        Item item = open.remove(index);
        if (item == null || item.outputIndex < 0) {
            return;
        }
        String text = item.text.toString();
        ObjectNode done = switch (item.block) {
            case Block.Text t -> {
                ArrayNode annotations = sources == null ? JSON.arrayNode()
                        : UrlCitations.responses(sources, item.textFrom, item.textFrom + text.length());
                for (int i = 0; i < annotations.size(); i++) {
                    ObjectNode added = located("response.output_text.annotation.added", item).put("content_index", 0)
                            .put("annotation_index", i);
                    added.set("annotation", annotations.get(i).deepCopy());
                    send(added);
                }
                send(located("response.output_text.done", item).put("content_index", 0).put("text", text)
                        .set("logprobs", JSON.arrayNode()));
                ObjectNode part = located("response.content_part.done", item).put("content_index", 0);
                part.set("part", ResponsesObjects.outputText(text, annotations.deepCopy()));
                send(part);
                yield ResponsesObjects.message(item.id, "completed", text, annotations);
            }
            case Block.Thinking t -> {
                send(located("response.reasoning_summary_text.done", item).put("summary_index", 0).put("text", text));
                ObjectNode part = located("response.reasoning_summary_part.done", item).put("summary_index", 0);
                part.set("part", ResponsesObjects.summaryText(text));
                send(part);
                yield ResponsesObjects.reasoning(item.id, List.of(text));
            }
            case Block.ToolCall c -> {
                String arguments = text.isEmpty() ? "{}" : text;
                send(located("response.function_call_arguments.done", item).put("name", c.name()).put("arguments", arguments));
                yield ResponsesObjects.functionCall(item.id, c.id(), c.name(), arguments, "completed");
            }
        };
        ObjectNode event = event("response.output_item.done").put("output_index", item.outputIndex);
        event.set("item", done);
        send(event);
        output.add(done.deepCopy());
    }

    /** {@code response.created} and {@code response.in_progress}, once, before anything else. */
    private void begin() {
        if (started) {
            return;
        }
        for (String type : List.of("response.created", "response.in_progress")) {
            ObjectNode event = event(type);
            event.set("response", ResponsesObjects.response(responseId, model, createdAt, "in_progress", JSON.arrayNode(),
                    null, null, null));
            send(event);
        }
    }

    private void terminal(String type, String status, StopReason reason, Usage usage, UpstreamError error) {
        ObjectNode event = event(type);
        event.set("response", ResponsesObjects.response(responseId, model, createdAt, status, output.deepCopy(), reason,
                usage, error));
        send(event);
        ended = true;
    }

    private ObjectNode added(Item item, ObjectNode itemJson) {
        ObjectNode event = event("response.output_item.added").put("output_index", item.outputIndex);
        event.set("item", itemJson);
        return event;
    }

    private ObjectNode located(String type, Item item) {
        return event(type).put("item_id", item.id).put("output_index", item.outputIndex);
    }

    /** The type only; the sequence number is stamped when the event is sent, so numbers follow the wire order. */
    private static ObjectNode event(String type) {
        return JSON.objectNode().put("type", type);
    }

    private void send(ObjectNode event) {
        ObjectNode stamped = JSON.objectNode().put("type", event.get("type").textValue()).put("sequence_number", sequence++);
        stamped.setAll(event); // "type" is already in place, so it keeps its first position
        started = true;
        sink.send(stamped.get("type").textValue(), stamped);
    }

    private static final class Item {
        final Block block;
        /** Where a text item starts in the answer text, which web source spans index into. */
        final int textFrom;
        final StringBuilder text = new StringBuilder();
        int outputIndex = -1;
        String id;

        Item(Block block, int textFrom) {
            this.block = block;
            this.textFrom = textFrom;
        }
    }
}
