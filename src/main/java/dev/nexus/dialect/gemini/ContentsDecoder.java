package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import dev.nexus.dialect.DialectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GenAI {@code contents} and {@code systemInstruction} as canonical messages and system parts. Roles: {@code user}
 * (or none, or the legacy {@code function}) → USER, {@code model} → ASSISTANT. The Gemini API lets calls go without
 * ids, but canonical calls need them: a missing call id becomes {@code call_<content>_<part>} (stable, since clients
 * resend the same history), and a response without id takes the id of the oldest unanswered call of its name.
 */
final class ContentsDecoder {
    /** Unanswered calls by id (ids may repeat), and by name, oldest first; answered ones are skipped lazily. */
    private final Map<String, List<Unanswered>> unansweredById = new HashMap<>();
    private final Map<String, ArrayDeque<Unanswered>> unansweredByName = new HashMap<>();

    /** A call waiting for its response; each lookup is a map access, so a long tool loop decodes in one pass. */
    private static final class Unanswered {
        final String id;
        boolean answered;

        Unanswered(String id) {
            this.id = id;
        }
    }

    private ContentsDecoder() {}

    static List<Message> messages(JsonNode contents) {
        Fields.expect(contents.isArray(), contents, "contents", "an array of contents");
        if (contents.isEmpty()) {
            throw DialectException.invalid("contents", "at least one content is required; put the conversation in contents");
        }
        ContentsDecoder decoder = new ContentsDecoder();
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            messages.add(decoder.message(contents.get(i), i));
        }
        return messages;
    }

    /** A system instruction as parts: a content object (role ignored) or, leniently, a plain string. */
    static List<Part> system(JsonNode instruction) {
        if (instruction.isMissingNode()) {
            return List.of();
        }
        if (instruction.isTextual()) {
            return List.of(new Part.Text(instruction.asText()));
        }
        Fields.expect(instruction.isObject(), instruction, "systemInstruction", "an object with parts");
        JsonNode parts = Fields.array(instruction, "parts", "systemInstruction");
        List<Part> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String path = "systemInstruction.parts[" + i + "]";
            Part part = PartDecoder.decode(parts.get(i), path);
            if (!(part instanceof Part.Text || part instanceof Part.Media)) {
                throw DialectException.invalid(path, "system instructions take text and media only");
            }
            out.add(part);
        }
        return out;
    }

    private Message message(JsonNode content, int index) {
        String path = "contents[" + index + "]";
        Fields.expect(content.isObject(), content, path, "an object with role and parts");
        Role role = switch (Fields.string(content, "role", path).orElse("user")) {
            case "user", "function", "" -> Role.USER;
            case "model" -> Role.ASSISTANT;
            case "system" -> throw DialectException.invalid(path + ".role",
                    "expected \"user\" or \"model\", got \"system\"; put system text in systemInstruction");
            default -> throw DialectException.invalid(path + ".role", "expected \"user\" or \"model\", got \""
                    + Wire.text(content, "role") + "\"");
        };
        JsonNode parts = Fields.array(content, "parts", path);
        if (parts.isEmpty()) {
            throw DialectException.invalid(path + ".parts", "a content needs at least one part; remove the content or add one");
        }
        List<Part> decoded = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            decoded.add(withId(PartDecoder.decode(parts.get(i), path + ".parts[" + i + "]"), index, i));
        }
        return new Message(role, decoded);
    }

    private Part withId(Part part, int content, int index) {
        return switch (part) {
            case Part.ToolCall call -> {
                Part.ToolCall settled = call.id().isEmpty()
                        ? new Part.ToolCall("call_" + content + "_" + index, call.name(), call.arguments(), call.signature())
                        : call;
                Unanswered waiting = new Unanswered(settled.id());
                unansweredById.computeIfAbsent(settled.id(), id -> new ArrayList<>(1)).add(waiting);
                unansweredByName.computeIfAbsent(settled.name(), name -> new ArrayDeque<>()).add(waiting);
                yield settled;
            }
            case Part.ToolResult result -> {
                String id = result.callId().isEmpty() ? answer(result.name(), content, index) : result.callId();
                List<Unanswered> answered = unansweredById.remove(id);
                if (answered != null) {
                    answered.forEach(call -> call.answered = true);
                }
                yield new Part.ToolResult(id, result.name(), result.content(), result.isError());
            }
            default -> part;
        };
    }

    /** The id of the oldest unanswered call of this name, or a new id when there is none. */
    private String answer(String name, int content, int index) {
        ArrayDeque<Unanswered> waiting = unansweredByName.get(name);
        while (waiting != null && !waiting.isEmpty()) {
            Unanswered call = waiting.poll();
            if (!call.answered) {
                return call.id;
            }
        }
        return "call_" + content + "_" + index;
    }
}
