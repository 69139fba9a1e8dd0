package dev.nexus.dialect.openai;

import dev.nexus.dialect.Field;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks {@code messages} once, in order. System and developer messages (wherever they are) become system parts; a run
 * of consecutive tool (or legacy function) messages becomes one user message of tool results, so parallel results stay
 * together and in order. Tool names, which tool messages do not carry, are recovered from the assistant calls seen
 * earlier. One instance per request.
 */
final class MessageDecoder {
    /** What {@code messages} decodes to. */
    record Decoded(List<Part> system, List<Message> messages) {}

    private final List<Part> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<Part> results = new ArrayList<>();
    private final Map<String, String> callNames = new HashMap<>();
    /** Legacy {@code function_call}s not yet answered, by function name, oldest first. */
    private final Map<String, ArrayDeque<String>> legacyCalls = new HashMap<>();

    static Decoded decode(Field list) {
        if (!list.present()) {
            throw list.invalid("required; send the conversation as an array of messages");
        }
        List<Field> items = list.optItems();
        if (items.isEmpty()) {
            throw list.invalid("is empty; send at least one message");
        }
        MessageDecoder decoder = new MessageDecoder();
        for (int i = 0; i < items.size(); i++) {
            decoder.add(items.get(i).object("send an object with \"role\" and \"content\""), i);
        }
        decoder.flushResults();
        return new Decoded(decoder.system, decoder.messages);
    }

    private void add(Field message, int position) {
        String role = message.get("role").string("set it to system, developer, user, assistant or tool");
        if (role.equals("tool") || role.equals("function")) {
            results.add(role.equals("tool") ? toolResult(message) : functionResult(message, position));
            return;
        }
        flushResults();
        switch (role) {
            case "system", "developer" -> system.addAll(ContentDecoder.systemText(message.get("content")));
            case "user" -> messages.add(new Message(Role.USER, ContentDecoder.user(message.get("content"))));
            case "assistant" -> messages.add(assistant(message, position));
            default -> throw message.get("role").invalid(
                    "unknown role \"" + role + "\"; use system, developer, user, assistant or tool");
        }
    }

    private void flushResults() {
        if (!results.isEmpty()) {
            messages.add(new Message(Role.USER, results));
            results.clear();
        }
    }

    /** Thinking first (from the non-standard {@code reasoning_content}), then text, then tool calls. */
    private Message assistant(Field message, int position) {
        List<Part> parts = new ArrayList<>();
        message.get("reasoning_content").optString().filter(s -> !s.isEmpty())
                .ifPresent(text -> parts.add(new Part.Thinking(text, Optional.empty(), false)));
        parts.addAll(ContentDecoder.assistant(message.get("content")));
        for (Field call : message.get("tool_calls").optItems()) {
            parts.add(toolCall(call.object("send {\"id\", \"type\": \"function\", \"function\": {...}}")));
        }
        Field legacy = message.get("function_call");
        if (legacy.present()) {
            Part.ToolCall call = function(legacy.object("send {\"name\", \"arguments\"}"), "call_fn_" + position);
            legacyCalls.computeIfAbsent(call.name(), name -> new ArrayDeque<>()).add(call.id());
            parts.add(call);
        }
        return new Message(Role.ASSISTANT, parts);
    }

    private Part.ToolCall toolCall(Field call) {
        Optional<String> type = call.get("type").optString();
        if (type.isPresent() && !type.get().equals("function")) {
            throw call.get("type").invalid("tool calls of type \"" + type.get() + "\" are not supported; use \"function\"");
        }
        String id = call.get("id").string("set it to the call id the tool message will answer");
        return function(call.get("function").object("send {\"name\", \"arguments\"}"), id);
    }

    private Part.ToolCall function(Field function, String id) {
        String name = function.get("name").string("set it to the name of the function called");
        callNames.put(id, name);
        return new Part.ToolCall(id, name, arguments(function.get("arguments")), Optional.empty());
    }

    /** The raw arguments text, unparsed; an object (sent by some clients) is kept as its JSON text. */
    private static String arguments(Field arguments) {
        if (arguments.present() && arguments.node().isObject()) {
            return arguments.node().toString();
        }
        String text = arguments.optString().orElse("");
        return text.isBlank() ? "{}" : text;
    }

    private Part toolResult(Field message) {
        Field idField = message.get("tool_call_id");
        String id = idField.required(
                "required on role \"tool\"; set it to the id of the assistant tool call this answers");
        Optional<String> name = Optional.ofNullable(callNames.get(id)).or(() -> message.get("name").optString());
        if (name.isEmpty()) {
            throw idField.invalid("no earlier assistant tool call has id \"" + id
                    + "\"; answer a call made earlier in messages, or set \"name\" to the tool's name");
        }
        return new Part.ToolResult(id, name.get(), ContentDecoder.user(message.get("content")), false);
    }

    /** A legacy function result answers the oldest unanswered legacy call of that name. */
    private Part functionResult(Field message, int position) {
        String name = message.get("name").required(
                "required on role \"function\"; set it to the name of the function called");
        ArrayDeque<String> pending = legacyCalls.get(name);
        String id = pending == null || pending.isEmpty() ? "call_fn_" + position : pending.poll();
        return new Part.ToolResult(id, name, ContentDecoder.user(message.get("content")), false);
    }
}
