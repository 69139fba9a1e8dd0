package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages as Gemini {@code contents}. Per message: USER → {@code user}, ASSISTANT → {@code model}; in a user
 * content the {@code functionResponse} parts come first (in order, so parallel results stay together), then media
 * from tool results, then the message's other parts. Empty text and unreplayable thinking are left out, contents
 * without parts are skipped, consecutive contents of one role are merged, and a trailing model content that ends in
 * an unanswered {@code functionCall} is dropped (Gemini rejects it). Finally {@link #markActiveLoop} makes sure
 * every model turn of the current tool loop carries a signature on its first call.
 */
final class ContentsEncoder {
    /** Gemini's documented bypass for calls whose signature cannot be replayed. */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private record Content(String role, List<ObjectNode> parts) {}

    private ContentsEncoder() {}

    static ArrayNode contents(List<Message> messages, GeminiTarget target, ToolNames names) {
        Map<String, String> callNames = new HashMap<>();
        List<Content> contents = new ArrayList<>();
        Run run = null;
        for (Message message : messages) {
            List<ObjectNode> parts = parts(message, target, names, callNames);
            if (parts.isEmpty()) {
                continue;
            }
            String role = message.role() == Role.ASSISTANT ? "model" : "user";
            if (run == null || !run.role.equals(role)) {
                if (run != null) {
                    contents.add(run.content());
                }
                run = new Run(role);
            }
            run.add(parts);
        }
        if (run != null) {
            contents.add(run.content());
        }
        if (!contents.isEmpty() && contents.getLast().role().equals("model") && isCall(contents.getLast().parts().getLast())) {
            contents.removeLast();
        }
        markActiveLoop(contents);
        ArrayNode out = Wire.JSON.arrayNode();
        for (Content content : contents) {
            ObjectNode node = out.addObject().put("role", content.role());
            node.putArray("parts").addAll(content.parts());
        }
        return out;
    }

    /** System parts as a {@code systemInstruction}; text and media only. */
    static Optional<ObjectNode> systemInstruction(List<Part> system) {
        List<ObjectNode> parts = new ArrayList<>();
        for (Part part : system) {
            switch (part) {
                case Part.Text text when !text.text().isEmpty() -> parts.add(PartEncoder.text(text.text()));
                case Part.Media media -> parts.add(PartEncoder.media(media));
                default -> { }
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode instruction = Wire.object().put("role", "user");
        instruction.putArray("parts").addAll(parts);
        return Optional.of(instruction);
    }

    /** One message's parts: function responses, then media from tool results, then the rest. */
    private static List<ObjectNode> parts(Message message, GeminiTarget target, ToolNames names, Map<String, String> callNames) {
        List<ObjectNode> responses = new ArrayList<>();
        List<ObjectNode> resultMedia = new ArrayList<>();
        List<ObjectNode> others = new ArrayList<>();
        for (Part part : message.parts()) {
            switch (part) {
                case Part.Text text -> {
                    if (!text.text().isEmpty()) {
                        others.add(PartEncoder.text(text.text()));
                    }
                }
                case Part.Media media -> others.add(PartEncoder.media(media));
                case Part.ToolCall call -> {
                    callNames.put(call.id(), call.name());
                    others.add(PartEncoder.call(call, names.safe(call.name()), target));
                }
                case Part.ToolResult result -> {
                    String name = !result.name().isBlank() ? result.name()
                            : callNames.getOrDefault(result.callId(), result.callId());
                    responses.add(PartEncoder.result(result, names.safe(name)));
                    result.content().stream().filter(p -> p instanceof Part.Media)
                            .forEach(p -> resultMedia.add(PartEncoder.media((Part.Media) p)));
                }
                case Part.Thinking thinking -> PartEncoder.thinking(thinking, target).ifPresent(others::add);
            }
        }
        List<ObjectNode> parts = new ArrayList<>(responses);
        parts.addAll(resultMedia);
        parts.addAll(others);
        return parts;
    }

    /**
     * Consecutive messages of one role, gathered into one content as they come, so a long run costs one pass. In a
     * user content every function response stays ahead of the other parts (Gemini pairs the responses of a turn with
     * its calls), each group in message order.
     */
    private static final class Run {
        private final String role;
        private final List<ObjectNode> responses = new ArrayList<>();
        private final List<ObjectNode> others = new ArrayList<>();

        Run(String role) {
            this.role = role;
        }

        void add(List<ObjectNode> parts) {
            for (ObjectNode part : parts) {
                (role.equals("user") && part.has("functionResponse") ? responses : others).add(part);
            }
        }

        Content content() {
            List<ObjectNode> parts = new ArrayList<>(responses.size() + others.size());
            parts.addAll(responses);
            parts.addAll(others);
            return new Content(role, parts);
        }
    }

    /**
     * The active loop is every content after the last user content with text. In it, the first functionCall of each
     * model content must carry a signature (Gemini 3 enforces it); one that has no replayable signature gets the
     * sentinel. Older turns and later calls of a parallel batch need none. Claude targets are treated the same.
     */
    private static void markActiveLoop(List<Content> contents) {
        int start = 0;
        for (int i = 0; i < contents.size(); i++) {
            Content content = contents.get(i);
            if (content.role().equals("user") && content.parts().stream().anyMatch(p -> p.has("text"))) {
                start = i + 1;
            }
        }
        for (Content content : contents.subList(start, contents.size())) {
            if (content.role().equals("model")) {
                content.parts().stream().filter(ContentsEncoder::isCall).findFirst()
                        .filter(call -> !call.has("thoughtSignature"))
                        .ifPresent(call -> call.put("thoughtSignature", SKIP_SIGNATURE));
            }
        }
    }

    private static boolean isCall(ObjectNode part) {
        return part.has("functionCall");
    }
}
