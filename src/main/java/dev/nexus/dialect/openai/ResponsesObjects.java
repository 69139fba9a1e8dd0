package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.Usage;
import dev.nexus.chat.WebSources;
import java.util.List;

/**
 * The JSON shapes the stream writer and the non-stream encoder share, so the two never disagree: output items, the
 * response object, usage, and item ids. Item ids are derived from the response id and the output index
 * ({@code resp_abc} → {@code ws_abc_0}, {@code msg_abc_1}, {@code rs_abc_2}, {@code fc_abc_3}), so they are stable and unique per response.
 */
final class ResponsesObjects {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResponsesObjects() {}

    static String itemId(String prefix, String responseId, int outputIndex) {
        String base = responseId.startsWith("resp_") ? responseId.substring("resp_".length()) : responseId;
        return prefix + "_" + base + "_" + outputIndex;
    }

    static ObjectNode outputText(String text) {
        return outputText(text, JSON.arrayNode());
    }

    static ObjectNode outputText(String text, ArrayNode annotations) {
        ObjectNode part = JSON.objectNode().put("type", "output_text");
        part.set("annotations", annotations);
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    static ObjectNode summaryText(String text) {
        return JSON.objectNode().put("type", "summary_text").put("text", text);
    }

    /** A message item; {@code text} null means no content part yet (as in {@code output_item.added}). */
    static ObjectNode message(String id, String status, String text) {
        return message(id, status, text, JSON.arrayNode());
    }

    static ObjectNode message(String id, String status, String text, ArrayNode annotations) {
        ObjectNode item = JSON.objectNode().put("id", id).put("type", "message").put("status", status).put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text, annotations));
        }
        return item;
    }

    /**
     * The search the upstream ran, as a {@code web_search_call} item: one item for all its queries, since the upstream
     * does not say which query found which page. {@code action.query} is the first query; {@code action.sources} the pages.
     */
    static ObjectNode webSearchCall(String id, String status, WebSources sources) {
        ObjectNode item = JSON.objectNode().put("id", id).put("type", "web_search_call").put("status", status);
        ObjectNode action = item.putObject("action").put("type", "search")
                .put("query", sources.queries().isEmpty() ? "" : sources.queries().getFirst());
        ArrayNode queries = action.putArray("queries");
        sources.queries().forEach(queries::add);
        ArrayNode pages = action.putArray("sources");
        sources.sources().forEach(source -> pages.addObject().put("type", "url").put("url", source.url()));
        return item;
    }

    /** A reasoning item; {@code summaries} empty while it streams. */
    static ObjectNode reasoning(String id, List<String> summaries) {
        ObjectNode item = JSON.objectNode().put("id", id).put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        summaries.forEach(s -> summary.add(summaryText(s)));
        return item;
    }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return JSON.objectNode().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }

    static ObjectNode usage(Usage usage) {
        ObjectNode json = JSON.objectNode();
        json.put("input_tokens", usage.inputTokens());
        json.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        json.put("output_tokens", usage.outputTokens());
        json.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        json.put("total_tokens", usage.totalTokens());
        return json;
    }

    /** {@code completed}, or {@code incomplete} when the output limit or a content filter cut the answer. */
    static String status(StopReason reason) {
        return incompleteReason(reason) == null ? "completed" : "incomplete";
    }

    static String incompleteReason(StopReason reason) {
        return switch (reason) {
            case MAX_TOKENS -> "max_output_tokens";
            case CONTENT_FILTER -> "content_filter";
            case END_TURN, STOP_SEQUENCE, TOOL_USE, ERROR -> null;
        };
    }

    /**
     * The response object.
     *
     * @param reason the stop reason when finished, else null ({@code incomplete_details} stays null)
     * @param usage null while in progress
     * @param error set for a failed response
     */
    static ObjectNode response(String id, String model, long createdAt, String status, ArrayNode output,
            StopReason reason, Usage usage, UpstreamError error) {
        ObjectNode json = JSON.objectNode().put("id", id).put("object", "response").put("created_at", createdAt)
                .put("status", status);
        if (error == null) {
            json.putNull("error");
        } else {
            json.putObject("error").put("code", OpenAiErrors.code(error.kind())).put("message", error.message());
        }
        String incomplete = reason == null ? null : incompleteReason(reason);
        if (incomplete == null) {
            json.putNull("incomplete_details");
        } else {
            json.putObject("incomplete_details").put("reason", incomplete);
        }
        json.put("model", model);
        json.set("output", output);
        if (usage == null) {
            json.putNull("usage");
        } else {
            json.set("usage", usage(usage));
        }
        return json;
    }
}
