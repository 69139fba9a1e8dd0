package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CodexReply} as the Responses event sequence of protocols.md §3.2: {@code response.created},
 * {@code response.in_progress}, per item {@code output_item.added} … {@code output_item.done} (with the summary,
 * text and argument events between), and {@code response.completed} carrying the whole response and its usage.
 * Every event has its {@code type} and a growing {@code sequence_number}.
 */
final class CodexStream {
    private final String model;
    private final Instant now;
    private final CodexReply reply;
    private final JsonNode request;
    private final String responseId = "resp_" + Tokens.random(12);
    private final List<ObjectNode> events = new ArrayList<>();
    private int sequence;
    private int outputChars;

    CodexStream(String model, Instant now, CodexReply reply, JsonNode request) {
        this.model = model;
        this.now = now;
        this.reply = reply;
        this.request = request;
    }

    List<ObjectNode> events() {
        if (!events.isEmpty()) {
            return events;
        }
        ObjectNode inProgress = response("in_progress", Json.array());
        emit("response.created").set("response", inProgress);
        emit("response.in_progress").set("response", inProgress.deepCopy());
        ArrayNode output = Json.array();
        for (int i = 0; i < reply.items.size(); i++) {
            output.add(item(i, reply.items.get(i)));
        }
        ObjectNode done = response("completed", output);
        done.set("usage", usage());
        emit("response.completed").set("response", done);
        return events;
    }

    private ObjectNode item(int index, CodexReply.Item item) {
        return switch (item) {
            case CodexReply.Item.Reasoning r -> reasoning(index, r);
            case CodexReply.Item.Message m -> message(index, m);
            case CodexReply.Item.FunctionCall f -> functionCall(index, f);
        };
    }

    /**
     * As the backend: the summary only when the request asked for one ({@code reasoning.summary}), the encrypted
     * reasoning only when it asked to be given it ({@code include: ["reasoning.encrypted_content"]}, as it stores nothing).
     */
    private ObjectNode reasoning(int index, CodexReply.Item.Reasoning r) {
        String id = "rs_" + Tokens.random(8);
        boolean summarised = request.path("reasoning").path("summary").isTextual();
        ObjectNode added = Json.object().put("type", "reasoning").put("id", id);
        added.putArray("summary");
        emit("response.output_item.added").put("output_index", index).set("item", added);
        ObjectNode done = Json.object().put("type", "reasoning").put("id", id);
        ArrayNode summary = done.putArray("summary");
        if (summarised) {
            ObjectNode part = Json.object().put("type", "summary_text").put("text", "");
            emit("response.reasoning_summary_part.added").put("item_id", id).put("output_index", index).put("summary_index", 0)
                    .set("part", part);
            emit("response.reasoning_summary_text.delta").put("item_id", id).put("output_index", index).put("summary_index", 0)
                    .put("delta", r.summary());
            emit("response.reasoning_summary_text.done").put("item_id", id).put("output_index", index).put("summary_index", 0)
                    .put("text", r.summary());
            emit("response.reasoning_summary_part.done").put("item_id", id).put("output_index", index).put("summary_index", 0)
                    .set("part", Json.object().put("type", "summary_text").put("text", r.summary()));
            summary.addObject().put("type", "summary_text").put("text", r.summary());
            outputChars += r.summary().length();
        }
        if (asked("reasoning.encrypted_content")) {
            done.put("encrypted_content", r.encryptedContent() != null ? r.encryptedContent() : "gAAAA-fake-" + Tokens.random(16));
        }
        emit("response.output_item.done").put("output_index", index).set("item", done);
        return done;
    }

    private boolean asked(String include) {
        for (JsonNode wanted : request.path("include")) {
            if (wanted.asText().equals(include)) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode message(int index, CodexReply.Item.Message m) {
        String id = "msg_" + Tokens.random(8);
        ObjectNode added = Json.object().put("type", "message").put("id", id).put("role", "assistant").put("status", "in_progress");
        added.putArray("content");
        emit("response.output_item.added").put("output_index", index).set("item", added);
        emit("response.content_part.added").put("item_id", id).put("output_index", index).put("content_index", 0)
                .set("part", textPart(""));
        StringBuilder text = new StringBuilder();
        for (String piece : m.pieces()) {
            text.append(piece);
            emit("response.output_text.delta").put("item_id", id).put("output_index", index).put("content_index", 0)
                    .put("delta", piece).putArray("logprobs");
        }
        emit("response.output_text.done").put("item_id", id).put("output_index", index).put("content_index", 0)
                .put("text", text.toString()).putArray("logprobs");
        emit("response.content_part.done").put("item_id", id).put("output_index", index).put("content_index", 0)
                .set("part", textPart(text.toString()));
        ObjectNode done = Json.object().put("type", "message").put("id", id).put("role", "assistant").put("status", "completed");
        done.putArray("content").add(textPart(text.toString()));
        emit("response.output_item.done").put("output_index", index).set("item", done);
        outputChars += text.length();
        return done;
    }

    private ObjectNode functionCall(int index, CodexReply.Item.FunctionCall f) {
        String id = "fc_" + Tokens.random(8);
        ObjectNode added = Json.object().put("type", "function_call").put("id", id).put("call_id", f.callId())
                .put("name", f.name()).put("arguments", "").put("status", "in_progress");
        emit("response.output_item.added").put("output_index", index).set("item", added);
        int half = f.arguments().length() / 2;
        for (String delta : List.of(f.arguments().substring(0, half), f.arguments().substring(half))) {
            emit("response.function_call_arguments.delta").put("item_id", id).put("output_index", index).put("delta", delta);
        }
        emit("response.function_call_arguments.done").put("item_id", id).put("output_index", index).put("name", f.name())
                .put("arguments", f.arguments());
        ObjectNode done = added.deepCopy().put("arguments", f.arguments()).put("status", "completed");
        emit("response.output_item.done").put("output_index", index).set("item", done);
        outputChars += f.arguments().length();
        return done;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private ObjectNode usage() {
        CodexReply.Usage u = reply.usage;
        int input = u.input() > 0 ? u.input() : Math.max(1, TokenEstimate.ofChars(Json.write(request.path("input")).length()
                + request.path("instructions").asText().length()));
        int output = u.output() > 0 ? u.output() : Math.max(1, TokenEstimate.ofChars(outputChars));
        ObjectNode usage = Json.object().put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", u.cached());
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoning());
        usage.put("total_tokens", input + output);
        return usage;
    }

    private ObjectNode response(String status, ArrayNode output) {
        ObjectNode response = Json.object().put("id", responseId).put("object", "response")
                .put("created_at", now.getEpochSecond()).put("status", status).put("model", model);
        response.set("output", output);
        response.put("store", false).put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        response.set("tools", request.has("tools") ? request.get("tools") : Json.array());
        response.putNull("usage");
        return response;
    }

    private ObjectNode emit(String type) {
        ObjectNode event = Json.object().put("type", type).put("sequence_number", sequence++);
        events.add(event);
        return event;
    }
}
