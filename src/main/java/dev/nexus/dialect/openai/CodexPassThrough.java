package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client's Responses request relayed to the Codex backend as it is, with the backend's rules applied (protocols
 * §5.2, seed-behaviour §3.4 and §4.5), so fields Nexus does not know survive:
 * <ul>
 *   <li>{@code stream: true} and {@code store: false} always (the backend refuses anything else); whether the
 *       client asked to stream is kept in {@link Prepared#clientStreams}, since a non-streaming client gets the
 *       collected response;</li>
 *   <li>{@code instructions: ""} when absent or null (required); {@code parallel_tool_calls: true} when absent, as
 *       the Go original sends;</li>
 *   <li>{@code input} as items: a string becomes one user message; an item with a role but no type becomes a
 *       {@code message}; string content becomes one {@code input_text} ({@code output_text} for the assistant) part;
 *       the {@code system} role becomes {@code developer} (the backend refuses system messages); item {@code id}s
 *       are removed, since with {@code store: false} the backend keeps no items and refuses ids it cannot find
 *       (clients that replay output items, and stored chains, carry them); a {@code reasoning} item without
 *       {@code encrypted_content} is dropped, since without it or a stored id it carries nothing the backend reads;</li>
 *   <li>the parameters the backend refuses are removed and named in {@link Prepared#filtered}, in {@link #REFUSED}'s
 *       order, for {@code X-Nexus-Codex-Filtered-Params}: first the five the Go original names, then the rest.
 *       {@code service_tier: "priority"} is the one tier the backend takes, so it stays.</li>
 * </ul>
 * A body that is not a JSON object is a {@link DialectException}. {@code previous_response_id} is refused by the
 * backend: a front that keeps stored responses expands the chain into {@code input} before relaying.
 */
public final class CodexPassThrough {
    /** The parameters the backend refuses, in the order they are named. */
    public static final List<String> REFUSED = List.of("max_output_tokens", "max_completion_tokens", "temperature",
            "top_p", "service_tier", "max_tokens", "presence_penalty", "frequency_penalty", "truncation", "user",
            "previous_response_id", "prompt_cache_retention", "prompt_cache_options", "safety_identifier",
            "stream_options", "context_management", "metadata");

    private CodexPassThrough() {}

    /**
     * @param body the client's body, changed in place
     * @param filtered the refused parameters the client sent (non-null), removed
     * @param clientStreams whether the client asked for a stream
     */
    public record Prepared(ObjectNode body, List<String> filtered, boolean clientStreams) {
        public Prepared {
            filtered = List.copyOf(filtered);
        }

        /** The value of {@code X-Nexus-Codex-Filtered-Params}; empty when nothing was removed (no header then). */
        public Optional<String> filteredHeader() {
            return header(filtered);
        }
    }

    /**
     * The refused parameters the body carries, in {@link #REFUSED}'s order, as {@code X-Nexus-Codex-Filtered-Params}
     * names them (a {@code null} one is removed without a mention); the body is not changed.
     */
    public static List<String> refusedIn(ObjectNode body) {
        List<String> refused = new ArrayList<>();
        for (String name : REFUSED) {
            JsonNode value = body.get(name);
            if (!kept(name, value) && !value.isNull()) {
                refused.add(name);
            }
        }
        return refused;
    }

    /** The {@code X-Nexus-Codex-Filtered-Params} value for a body as the client sent it, without copying or changing it. */
    public static Optional<String> filteredHeader(ObjectNode body) {
        return header(refusedIn(body));
    }

    private static Optional<String> header(List<String> filtered) {
        return filtered.isEmpty() ? Optional.empty() : Optional.of(String.join(",", filtered));
    }

    /** Whether the backend takes the parameter as sent: absent, or the one service tier it accepts. */
    private static boolean kept(String name, JsonNode value) {
        return value == null || name.equals("service_tier") && value.asText("").equals("priority");
    }

    /** Applies the backend's rules to the client's body, in place. */
    public static Prepared prepare(JsonNode clientBody) {
        if (!(clientBody instanceof ObjectNode body)) {
            throw new DialectException(400, "the request body must be a JSON object", null);
        }
        boolean clientStreams = body.path("stream").asBoolean(false);
        List<String> filtered = refusedIn(body);
        for (String name : REFUSED) {
            if (!kept(name, body.get(name))) {
                body.remove(name);
            }
        }
        body.put("stream", true);
        body.put("store", false);
        if (!body.path("instructions").isTextual()) {
            body.put("instructions", "");
        }
        if (!body.has("parallel_tool_calls")) {
            body.put("parallel_tool_calls", true);
        }
        JsonNode input = body.get("input");
        if (input != null && input.isTextual()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            items.addObject().put("type", "message").put("role", "user").putArray("content").addObject()
                    .put("type", "input_text").put("text", input.textValue());
            body.set("input", items);
        } else if (input instanceof ArrayNode items) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode(items.size());
            for (JsonNode item : items) {
                if (!unreadableReasoning(item)) {
                    kept.add(item(item));
                }
            }
            body.set("input", kept);
        }
        return new Prepared(body, filtered, clientStreams);
    }

    private static boolean unreadableReasoning(JsonNode item) {
        return item.path("type").asText("").equals("reasoning") && item.path("encrypted_content").asText("").isEmpty();
    }

    /** One input item with the backend's rules; a bare string is a user message. */
    private static JsonNode item(JsonNode item) {
        if (item.isTextual()) {
            ObjectNode message = JsonNodeFactory.instance.objectNode().put("type", "message").put("role", "user");
            message.putArray("content").addObject().put("type", "input_text").put("text", item.textValue());
            return message;
        }
        if (!(item instanceof ObjectNode object)) {
            return item;
        }
        if (!object.path("type").asText("").equals("item_reference")) {
            object.remove("id");
        }
        if (!object.has("role")) {
            return item;
        }
        if (!object.has("type")) {
            object.put("type", "message");
        }
        String role = object.path("role").asText("");
        if (role.equals("system")) {
            object.put("role", "developer");
        }
        JsonNode content = object.get("content");
        if (content != null && content.isTextual() && object.path("type").asText("").equals("message")) {
            ArrayNode parts = object.putArray("content");
            parts.addObject().put("type", role.equals("assistant") ? "output_text" : "input_text")
                    .put("text", content.textValue());
        }
        return object;
    }
}
