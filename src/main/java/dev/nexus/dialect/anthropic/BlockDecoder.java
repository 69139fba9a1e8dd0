package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Field;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Content blocks, per role. System: text. User: text, image, document, search_result and tool_result, with tool
 * results moved ahead of the rest. Assistant: text, thinking, redacted_thinking and tool_use. Blocks of Anthropic's
 * server tools (web search results, code execution, MCP…) ran on Anthropic's side and cannot be replayed anywhere
 * else: they are dropped with a note. {@code cache_control} and {@code citations} are ignored everywhere. One
 * instance per request: it remembers tool_use names so tool results can name their tool.
 */
final class BlockDecoder {
    private static final Set<String> SERVER_BLOCKS = Set.of("server_tool_use", "mcp_tool_use", "mcp_tool_result",
            "container_upload");

    private final Map<String, String> callNames = new HashMap<>();
    private final List<String> notes;

    BlockDecoder(List<String> notes) {
        this.notes = notes;
    }

    private interface Decoder {
        void decode(Field block, String type, List<Part> out);
    }

    /** A system prompt or a mid-conversation system message: a string or text blocks. */
    List<Part> system(Field content) {
        return decode(content, (block, type, out) -> {
            switch (type) {
                case "text" -> out.add(text(block));
                default -> throw unsupported(block, type, "text");
            }
        });
    }

    List<Part> user(Field content) {
        List<Part> results = new ArrayList<>();
        List<Part> rest = decode(content, (block, type, out) -> {
            switch (type) {
                case "tool_result" -> results.add(toolResult(block));
                default -> media(block, type, out, "text, image, document, search_result or tool_result");
            }
        });
        results.addAll(rest);
        return results;
    }

    /** Assistant content; empty text carries nothing and is left out. */
    List<Part> assistant(Field content) {
        List<Part> parts = decode(content, (block, type, out) -> {
            switch (type) {
                case "text" -> out.add(text(block));
                case "thinking" -> out.add(thinking(block));
                case "redacted_thinking" -> out.add(redacted(block));
                case "tool_use" -> out.add(toolUse(block));
                default -> throw unsupported(block, type, "text, thinking, redacted_thinking or tool_use");
            }
        });
        return parts.stream().filter(p -> !(p instanceof Part.Text t && t.text().isEmpty())).toList();
    }

    private List<Part> decode(Field content, Decoder decoder) {
        if (!content.present()) {
            throw content.invalid("required; send a string or an array of content blocks");
        }
        if (content.node().isTextual()) {
            return new ArrayList<>(List.of(new Part.Text(content.node().textValue())));
        }
        if (!content.node().isArray()) {
            throw content.wrongType("a string or an array of content blocks");
        }
        List<Part> parts = new ArrayList<>();
        for (Field block : content.optItems()) {
            block.object("send a content block such as {\"type\": \"text\", \"text\": ...}");
            String type = block.type("set it to the block type, e.g. \"text\"");
            if (isServerToolBlock(type)) {
                notes.add("dropped " + type + " blocks");
                continue;
            }
            decoder.decode(block, type, parts);
        }
        return parts;
    }

    private static boolean isServerToolBlock(String type) {
        return SERVER_BLOCKS.contains(type) || (type.endsWith("_tool_result") && !type.equals("tool_result"));
    }

    /** The blocks a user message and a tool result share: text, image, document, search_result. */
    private void media(Field block, String type, List<Part> out, String allowed) {
        switch (type) {
            case "text" -> out.add(text(block));
            case "image" -> out.add(image(block.get("source")));
            case "document" -> document(block, out);
            case "search_result" -> out.add(searchResult(block));
            default -> throw unsupported(block, type, allowed);
        }
    }

    private static Part.Text text(Field block) {
        return new Part.Text(block.get("text").string("set it to the text of this block"));
    }

    private static Part.Media image(Field source) {
        source.object("send {\"type\": \"base64\", \"media_type\": \"image/png\", \"data\": ...} or {\"type\": \"url\", \"url\": ...}");
        String type = source.type("set it to base64 or url");
        return switch (type) {
            case "base64" -> new Part.Media(source.get("media_type").string("set it to the image type, e.g. \"image/png\""),
                    new Part.Source.Inline(source.get("data").string("set it to the base64-encoded image")), Optional.empty());
            case "url" -> {
                String url = source.get("url").string("set it to the image's https URL");
                yield new Part.Media(dev.nexus.dialect.MediaTypes.guess(url).orElse(""), new Part.Source.Url(url), Optional.empty());
            }
            case "file" -> throw source.get("type").invalid(
                    "uploaded files (file_id) are not supported; send the image as base64 or by URL");
            default -> throw source.get("type").invalid("unknown image source type \"" + type + "\"; use base64 or url");
        };
    }

    /**
     * A document: base64 bytes (a PDF unless {@code media_type} says otherwise) and URLs (PDFs) become media named
     * by the document's {@code title}; plain-text and content sources become their text.
     */
    private void document(Field block, List<Part> out) {
        Field source = block.get("source").object("send {\"type\": \"base64\", \"media_type\": \"application/pdf\", \"data\": ...}");
        Optional<String> title = block.get("title").optString();
        String type = source.type("set it to base64, text, url or content");
        switch (type) {
            case "base64" -> out.add(new Part.Media(source.get("media_type").optString().orElse("application/pdf"),
                    new Part.Source.Inline(source.get("data").string("set it to the base64-encoded document")), title));
            case "text" -> out.add(new Part.Text(source.get("data").string("set it to the document's text")));
            case "url" -> out.add(new Part.Media("application/pdf",
                    new Part.Source.Url(source.get("url").string("set it to the document's https URL")), title));
            case "content" -> out.addAll(decode(source.get("content"), (inner, innerType, parts) -> {
                switch (innerType) {
                    case "text" -> parts.add(text(inner));
                    case "image" -> parts.add(image(inner.get("source")));
                    default -> throw unsupported(inner, innerType, "text or image");
                }
            }));
            case "file" -> throw source.get("type").invalid(
                    "uploaded files (file_id) are not supported; send the document as base64, text or by URL");
            default -> throw source.get("type").invalid("unknown document source type \"" + type + "\"; use base64, text, url or content");
        }
    }

    /** A search result as one text: its title, its source, then its text blocks. */
    private Part.Text searchResult(Field block) {
        StringBuilder text = new StringBuilder();
        text.append(block.get("title").string("set it to the result's title")).append('\n');
        text.append(block.get("source").string("set it to the result's source URL or name")).append('\n');
        for (Part part : decode(block.get("content"), (inner, innerType, parts) -> {
            switch (innerType) {
                case "text" -> parts.add(text(inner));
                default -> throw unsupported(inner, innerType, "text");
            }
        })) {
            text.append('\n').append(((Part.Text) part).text());
        }
        return new Part.Text(text.toString());
    }

    private static Part.Thinking thinking(Field block) {
        String text = block.get("thinking").string("set it to the thinking text");
        Optional<Signature> signature = block.get("signature").optString().flatMap(SignatureEnvelope::unwrap);
        return new Part.Thinking(text, signature, false);
    }

    /** Redacted thinking: the opaque {@code data} is both the text and the signature that vouches for it. */
    private static Part.Thinking redacted(Field block) {
        Optional<Signature> data = SignatureEnvelope.unwrap(block.get("data").string("set it to the redacted thinking data"));
        return new Part.Thinking(data.map(Signature::value).orElse(""), data, true);
    }

    private Part.ToolCall toolUse(Field block) {
        Field idField = block.get("id");
        String id = idField.string("set it to the tool use id, e.g. \"toolu_01A\"");
        if (id.isBlank()) {
            throw idField.invalid("is empty; set it to the tool use id");
        }
        String name = block.get("name").string("set it to the name of the tool called");
        Field input = block.get("input");
        if (input.present() && !input.node().isObject()) {
            throw input.wrongType("an object of the tool's arguments");
        }
        callNames.put(id, name);
        return new Part.ToolCall(id, name, input.present() ? input.node().toString() : "{}", Optional.empty());
    }

    private Part.ToolResult toolResult(Field block) {
        Field idField = block.get("tool_use_id");
        String id = idField.string("set it to the id of the tool_use this answers");
        String name = callNames.get(id);
        if (name == null) {
            throw idField.invalid("no earlier tool_use has id \"" + id
                    + "\"; answer a tool_use from an earlier assistant message");
        }
        Field content = block.get("content");
        List<Part> parts = content.present()
                ? decode(content, (inner, type, out) -> media(inner, type, out, "text, image, document or search_result"))
                : List.of();
        return new Part.ToolResult(id, name, parts, block.get("is_error").optBool().orElse(false));
    }

    private static RuntimeException unsupported(Field block, String type, String allowed) {
        return block.get("type").invalid("unsupported content block type \"" + type + "\" here; use " + allowed);
    }
}
