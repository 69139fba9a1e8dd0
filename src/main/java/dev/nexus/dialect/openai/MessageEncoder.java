package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conversation as Chat Completions {@code messages}: system parts as one leading system message; tool results as
 * {@code tool} messages (their media, which tool messages cannot hold, in a user message right after); assistant
 * tool calls as {@code tool_calls}. Thinking is dropped: Chat Completions has no input slot for it.
 */
final class MessageEncoder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> INPUT_AUDIO = Set.of("audio/wav", "audio/x-wav", "audio/mp3", "audio/mpeg");

    private MessageEncoder() {}

    static ArrayNode encode(List<Part> system, List<Message> messages) {
        ArrayNode out = JSON.arrayNode();
        String instructions = text(system, "\n\n");
        if (!instructions.isEmpty()) {
            out.addObject().put("role", "system").put("content", instructions);
        }
        for (Message message : messages) {
            switch (message.role()) {
                case USER -> user(message.parts(), out);
                case ASSISTANT -> assistant(message.parts(), out);
            }
        }
        return out;
    }

    private static void user(List<Part> parts, ArrayNode out) {
        List<Part> rest = new ArrayList<>();
        List<Part> carried = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Part.ToolResult result) {
                out.addObject().put("role", "tool").put("tool_call_id", result.callId())
                        .put("content", text(result.content(), ""));
                result.content().stream().filter(p -> p instanceof Part.Media).forEach(carried::add);
            } else {
                rest.add(part);
            }
        }
        carried.addAll(rest);
        if (!carried.isEmpty() || parts.isEmpty()) {
            ObjectNode message = out.addObject().put("role", "user");
            if (carried.size() == 1 && carried.getFirst() instanceof Part.Text only) {
                message.put("content", only.text());
            } else if (carried.isEmpty()) {
                message.put("content", "");
            } else {
                ArrayNode content = message.putArray("content");
                carried.forEach(part -> content(part, content));
            }
        }
    }

    private static void content(Part part, ArrayNode content) {
        switch (part) {
            case Part.Text text -> content.addObject().put("type", "text").put("text", text.text());
            case Part.Media media -> content.add(media(media));
            case Part.ToolCall ignored -> { }   // never in a user message
            case Part.ToolResult ignored -> { } // handled by the caller
            case Part.Thinking ignored -> { }   // no input slot
        }
    }

    /** URLs can only go as image_url; inline audio as input_audio; other inline bytes as a file. */
    private static ObjectNode media(Part.Media media) {
        ObjectNode part = JSON.objectNode();
        switch (media.source()) {
            case Part.Source.Url url -> part.put("type", "image_url").putObject("image_url").put("url", url.url());
            case Part.Source.Inline inline when media.isImage() -> part.put("type", "image_url").putObject("image_url")
                    .put("url", MediaUrls.dataUrl(media.mediaType(), inline.base64()));
            case Part.Source.Inline inline when INPUT_AUDIO.contains(media.mediaType()) -> part.put("type", "input_audio")
                    .putObject("input_audio").put("data", inline.base64())
                    .put("format", media.mediaType().endsWith("wav") ? "wav" : "mp3");
            case Part.Source.Inline inline -> {
                ObjectNode file = part.put("type", "file").putObject("file");
                media.filename().ifPresent(name -> file.put("filename", name));
                file.put("file_data", MediaUrls.dataUrl(media.mediaType(), inline.base64()));
            }
        }
        return part;
    }

    private static void assistant(List<Part> parts, ArrayNode out) {
        ObjectNode message = out.addObject().put("role", "assistant");
        String text = text(parts, "");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        List<Part.ToolCall> calls = parts.stream().filter(p -> p instanceof Part.ToolCall).map(Part.ToolCall.class::cast).toList();
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (Part.ToolCall call : calls) {
                ObjectNode encoded = toolCalls.addObject().put("id", call.id()).put("type", "function");
                encoded.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
    }

    private static String text(List<Part> parts, String separator) {
        return parts.stream().filter(p -> p instanceof Part.Text).map(p -> ((Part.Text) p).text())
                .collect(Collectors.joining(separator));
    }
}
