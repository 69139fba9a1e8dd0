package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The conversation as Responses {@code input} items for the Codex backend, in order, without item ids (with
 * {@code store: false} the backend keeps no items to refer to):
 * <ul>
 *   <li>user text and media → a {@code message} item ({@code input_text}, {@code input_image} for images,
 *       {@code input_file} for other media); each tool result → a {@code function_call_output} where it stands,
 *       its output a string when it is all text, else input parts;</li>
 *   <li>assistant text → a {@code message} item of {@code output_text} parts; each tool call → a
 *       {@code function_call}; thinking signed by this upstream → a {@code reasoning} item with its summary and
 *       {@code encrypted_content}. Thinking from anywhere else is left out: the backend can only use its own
 *       encrypted reasoning, and summaries alone carry nothing it reads. A tool call signed by this upstream (the
 *       reasoning before it, kept for clients that replay no thinking) gets a {@code reasoning} item before it,
 *       with no summary; each encrypted reasoning goes once, however many parts carry it.</li>
 * </ul>
 */
final class CodexInput {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CodexInput() {}

    static ArrayNode items(List<Message> messages, String origin) {
        ArrayNode items = JSON.arrayNode();
        Set<String> replayed = new HashSet<>();
        for (Message message : messages) {
            switch (message.role()) {
                case USER -> user(message.parts(), items);
                case ASSISTANT -> assistant(message.parts(), items, origin, replayed);
            }
        }
        return items;
    }

    private static void user(List<Part> parts, ArrayNode items) {
        Run run = new Run(items, "user");
        for (Part part : parts) {
            switch (part) {
                case Part.ToolResult result -> {
                    run.end();
                    ObjectNode output = items.addObject().put("type", "function_call_output").put("call_id", result.callId());
                    if (result.content().stream().allMatch(p -> p instanceof Part.Text)) {
                        StringBuilder text = new StringBuilder();
                        result.content().forEach(p -> text.append(((Part.Text) p).text()));
                        output.put("output", text.toString());
                    } else {
                        ArrayNode outputParts = output.putArray("output");
                        result.content().forEach(p -> inputPart(p, outputParts));
                    }
                }
                case Part.Text t when t.text().isEmpty() -> { }
                case Part.Text t -> inputPart(t, run.content());
                case Part.Media m -> inputPart(m, run.content());
                case Part.ToolCall ignored -> { }  // never in a user message
                case Part.Thinking ignored -> { }  // never in a user message
            }
        }
    }

    private static void assistant(List<Part> parts, ArrayNode items, String origin, Set<String> replayed) {
        Run run = new Run(items, "assistant");
        for (Part part : parts) {
            switch (part) {
                case Part.Text t when t.text().isEmpty() -> { }
                case Part.Text t -> run.content().addObject().put("type", "output_text").put("text", t.text());
                case Part.ToolCall call -> {
                    run.end();
                    own(call.signature(), origin).filter(replayed::add)
                            .ifPresent(encrypted -> reasoning(items, "", encrypted));
                    items.addObject().put("type", "function_call").put("name", call.name())
                            .put("arguments", call.arguments()).put("call_id", call.id());
                }
                case Part.Thinking thinking when !thinking.redacted() -> {
                    Optional<String> own = own(thinking.signature(), origin).filter(replayed::add);
                    if (own.isPresent()) {
                        run.end();
                        reasoning(items, thinking.text(), own.get());
                    }
                }
                case Part.Thinking redacted -> { } // Anthropic's encrypted thinking
                case Part.Media ignored -> { }      // assistant content holds text only
                case Part.ToolResult ignored -> { } // never in an assistant message
            }
        }
    }

    /** The encrypted reasoning of a signature this upstream issued. */
    private static Optional<String> own(Optional<Signature> signature, String origin) {
        return signature.filter(s -> s.issuedBy(origin) && !s.value().isEmpty()).map(Signature::value);
    }

    private static void reasoning(ArrayNode items, String summaryText, String encrypted) {
        ObjectNode reasoning = items.addObject().put("type", "reasoning");
        ArrayNode summary = reasoning.putArray("summary");
        if (!summaryText.isEmpty()) {
            summary.addObject().put("type", "summary_text").put("text", summaryText);
        }
        reasoning.put("encrypted_content", encrypted);
    }

    /** The message item that a run of consecutive content parts goes into, added at the run's first part. */
    private static final class Run {
        private final ArrayNode items;
        private final String role;
        private ArrayNode content;

        Run(ArrayNode items, String role) {
            this.items = items;
            this.role = role;
        }

        ArrayNode content() {
            if (content == null) {
                content = items.addObject().put("type", "message").put("role", role).putArray("content");
            }
            return content;
        }

        /** An item of another kind came: the next content part starts a new message. */
        void end() {
            content = null;
        }
    }

    private static void inputPart(Part part, ArrayNode content) {
        switch (part) {
            case Part.Text t -> content.addObject().put("type", "input_text").put("text", t.text());
            case Part.Media m -> content.add(media(m));
            default -> { } // tool calls, results and thinking have no input part
        }
    }

    /** Images as {@code input_image} (a data URL or the URL); other media as {@code input_file}. */
    private static ObjectNode media(Part.Media media) {
        ObjectNode part = JSON.objectNode();
        switch (media.source()) {
            case Part.Source.Url url when media.isImage() || media.mediaType().isEmpty() ->
                    part.put("type", "input_image").put("image_url", url.url());
            case Part.Source.Inline inline when media.isImage() ->
                    part.put("type", "input_image").put("image_url", MediaUrls.dataUrl(media.mediaType(), inline.base64()));
            case Part.Source.Url url -> {
                part.put("type", "input_file");
                media.filename().ifPresent(name -> part.put("filename", name));
                part.put("file_url", url.url());
            }
            case Part.Source.Inline inline -> {
                part.put("type", "input_file").put("filename", media.filename().orElse("file"));
                part.put("file_data", MediaUrls.dataUrl(media.mediaType(), inline.base64()));
            }
        }
        return part;
    }
}
