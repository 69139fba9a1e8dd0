package dev.nexus.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reasoning signatures of stored Responses answers. The Responses wire format has no slot for the signature an
 * upstream attaches to a function call, so stored {@code function_call} items keep it under {@link #FIELD}, and a
 * chain rebuilt from storage (even after a restart) gives it back to the calls it belongs to. Never sent to clients.
 */
final class ResponseSignatures {
    /** Field under which a stored function_call item keeps the upstream's signature. */
    static final String FIELD = "nexus_signature";

    private ResponseSignatures() {}

    /** The answer's output items, each function call with its signature attached, for storage. */
    static ArrayNode attach(ArrayNode items, ChatResponse answer) {
        Map<String, Signature> byCall = new HashMap<>();
        answer.content().forEach(p -> {
            if (p instanceof Part.ToolCall call && call.signature().isPresent()) {
                byCall.put(call.id(), call.signature().get());
            }
        });
        for (JsonNode item : items) {
            Signature signature = byCall.get(item.path("call_id").asText(""));
            if (signature != null && item instanceof ObjectNode object) {
                object.putObject(FIELD).put("origin", signature.origin()).put("value", signature.value());
            }
        }
        return items;
    }

    /** The request with each tool call that arrived without a signature given the one its stored item kept. */
    static ChatRequest restore(ChatRequest chat, ArrayNode history) {
        Map<String, Signature> byCall = new HashMap<>();
        for (JsonNode item : history) {
            JsonNode signature = item.path(FIELD);
            if (signature.isObject()) {
                byCall.put(item.path("call_id").asText(""), new Signature(signature.path("value").asText(),
                        signature.path("origin").asText()));
            }
        }
        if (byCall.isEmpty()) {
            return chat;
        }
        List<Message> messages = new ArrayList<>();
        for (Message m : chat.messages()) {
            messages.add(new Message(m.role(), m.parts().stream().map(p -> p instanceof Part.ToolCall c
                    && c.signature().isEmpty() && byCall.containsKey(c.id())
                    ? new Part.ToolCall(c.id(), c.name(), c.arguments(), Optional.of(byCall.get(c.id())))
                    : p).toList()));
        }
        return chat.withMessages(messages);
    }
}
