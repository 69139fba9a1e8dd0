package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import dev.nexus.chat.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The conversation as Anthropic {@code messages}. Thinking is replayed only when Anthropic issued its signature
 * (anything else would be rejected as an invalid signature); empty text is left out, as Anthropic rejects empty text
 * blocks, and so is a message left with no blocks. Media Anthropic cannot take (audio, video, other binary files)
 * are left out; plain-text files become text documents.
 */
final class MessageEncoder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MessageEncoder() {}

    static ArrayNode messages(List<Message> messages) {
        ArrayNode out = JSON.arrayNode();
        for (Message message : messages) {
            ArrayNode content = JSON.arrayNode();
            for (Part part : message.parts()) {
                switch (message.role()) {
                    case USER -> user(part, content);
                    case ASSISTANT -> assistant(part, content);
                }
            }
            if (!content.isEmpty()) {
                ObjectNode encoded = out.addObject().put("role", message.role() == Role.USER ? "user" : "assistant");
                encoded.set("content", content);
            }
        }
        return out;
    }

    /** System parts as text blocks; media cannot go in Anthropic's system prompt. */
    static ArrayNode system(List<Part> system) {
        ArrayNode out = JSON.arrayNode();
        for (Part part : system) {
            if (part instanceof Part.Text text && !text.text().isEmpty()) {
                out.addObject().put("type", "text").put("text", text.text());
            }
        }
        return out;
    }

    private static void user(Part part, ArrayNode content) {
        switch (part) {
            case Part.ToolResult result -> {
                ObjectNode block = content.addObject().put("type", "tool_result").put("tool_use_id", result.callId());
                if (result.content().size() == 1 && result.content().getFirst() instanceof Part.Text only) {
                    block.put("content", only.text());
                } else if (!result.content().isEmpty()) {
                    ArrayNode inner = block.putArray("content");
                    result.content().forEach(p -> content(p, inner));
                }
                if (result.isError()) {
                    block.put("is_error", true);
                }
            }
            case Part.ToolCall ignored -> { }  // never in a user message
            case Part.Thinking ignored -> { }  // never in a user message
            default -> content(part, content);
        }
    }

    private static void assistant(Part part, ArrayNode content) {
        switch (part) {
            case Part.Thinking thinking -> anthropicSignature(thinking.signature()).ifPresent(signature -> {
                if (thinking.redacted()) {
                    content.addObject().put("type", "redacted_thinking").put("data", signature);
                } else {
                    content.addObject().put("type", "thinking").put("thinking", thinking.text()).put("signature", signature);
                }
            });
            case Part.ToolCall call -> content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                    .set("input", ToolInputs.object(call.arguments()));
            case Part.Text text -> content(text, content);
            default -> { }  // media and tool results never stand in an assistant message
        }
    }

    private static Optional<String> anthropicSignature(Optional<Signature> signature) {
        return signature.filter(s -> s.issuedBy(SignatureEnvelope.ANTHROPIC) && !s.value().isEmpty()).map(Signature::value);
    }

    /** Text and media, as user messages and tool results hold them. */
    private static void content(Part part, ArrayNode content) {
        switch (part) {
            case Part.Text text when !text.text().isEmpty() -> content.addObject().put("type", "text").put("text", text.text());
            case Part.Media media -> media(media).ifPresent(content::add);
            default -> { }
        }
    }

    private static Optional<ObjectNode> media(Part.Media media) {
        String type = media.mediaType();
        ObjectNode block = JSON.objectNode();
        switch (media.source()) {
            case Part.Source.Url url when url.url().startsWith("data:") -> {
                return dev.nexus.dialect.MediaTypes.parseDataUrl(url.url()).flatMap(data -> media(new Part.Media(
                        type.isEmpty() ? data.mediaType() : type, new Part.Source.Inline(data.base64()), media.filename())));
            }
            case Part.Source.Url url when type.isEmpty() || media.isImage() ->
                    block.put("type", "image").putObject("source").put("type", "url").put("url", url.url());
            case Part.Source.Url url when type.equals("application/pdf") ->
                    block.put("type", "document").putObject("source").put("type", "url").put("url", url.url());
            case Part.Source.Inline inline when media.isImage() -> block.put("type", "image").putObject("source")
                    .put("type", "base64").put("media_type", type).put("data", inline.base64());
            case Part.Source.Inline inline when type.equals("application/pdf") -> block.put("type", "document")
                    .putObject("source").put("type", "base64").put("media_type", type).put("data", inline.base64());
            case Part.Source.Inline inline when type.startsWith("text/") -> block.put("type", "document").putObject("source")
                    .put("type", "text").put("media_type", "text/plain").put("data", decoded(inline.base64()));
            default -> {
                return Optional.empty();
            }
        }
        if (block.path("type").asText().equals("document")) {
            media.filename().ifPresent(title -> block.put("title", title));
        }
        return Optional.of(block);
    }

    private static String decoded(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }
}
