package dev.nexus.chat;

import java.util.List;
import java.util.Optional;

/** One piece of a message's content. A closed set: adding a kind makes the compiler list every codec that must learn it. */
public sealed interface Part {

    record Text(String text) implements Part {}

    /**
     * An image or document (PDF, audio, …), by value or by reference.
     *
     * @param mediaType MIME type, e.g. {@code image/png}, {@code application/pdf}; may be empty for URLs of unknown type
     * @param filename optional name, as Responses/Anthropic documents carry
     */
    record Media(String mediaType, Source source, Optional<String> filename) implements Part {
        public boolean isImage() {
            return mediaType.startsWith("image/");
        }
    }

    /** Where media bytes are: inline (base64, kept encoded to avoid a decode/encode round trip) or at a URL. */
    sealed interface Source {
        record Inline(String base64) implements Source {}

        record Url(String url) implements Source {}
    }

    /**
     * A call of a tool by the assistant.
     *
     * @param id the call id; providers that issue none get a synthesised one, stable across the conversation
     * @param arguments the arguments as a JSON object text (never null; {@code "{}"} when empty)
     * @param signature a reasoning signature attached to the call (Gemini puts one on the first functionCall)
     */
    record ToolCall(String id, String name, String arguments, Optional<Signature> signature) implements Part {}

    /**
     * The result of a tool call, sent back by the client.
     *
     * @param name the tool's name; filled from the matching call when the client's dialect does not carry it
     */
    record ToolResult(String callId, String name, List<Part> content, boolean isError) implements Part {}

    /**
     * Reasoning text the model produced (or a redacted, encrypted blob of it).
     *
     * @param redacted true for Anthropic {@code redacted_thinking}: {@code text} is then opaque data, not prose
     */
    record Thinking(String text, Optional<Signature> signature, boolean redacted) implements Part {}
}
