package dev.nexus.front;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a relayed Gemini stream could end cleanly, watched as its bytes pass, so that a stream cut short (by shutdown)
 * can still be closed with an error its client reads: after a blank line of an SSE stream ({@code data: {error}}), or
 * between the elements of a JSON-array stream ({@code ,{error}]}). Mid-event, no clean end exists and the caller
 * closes the connection instead. Only streams are watched; a unary answer has no end to add.
 */
final class RelayedStreamEnd {
    private enum Framing { SSE, JSON_ARRAY }

    private final Framing framing;
    // SSE: how many line ends (\n, with \r ignored) the bytes so far end with.
    private int trailingNewlines = 2;
    // JSON array: nesting depth (1 inside the array), string state, and whether an element was written.
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean anyElement;
    private boolean arrayClosed;

    private RelayedStreamEnd(Framing framing) {
        this.framing = framing;
    }

    /** A watcher for an answer of this content type, or empty when it is not a stream this class can end. */
    static Optional<RelayedStreamEnd> of(String contentType, boolean streamMethod) {
        if (contentType.contains("event-stream")) {
            return Optional.of(new RelayedStreamEnd(Framing.SSE));
        }
        if (streamMethod && contentType.contains("json")) {
            return Optional.of(new RelayedStreamEnd(Framing.JSON_ARRAY));
        }
        return Optional.empty();
    }

    void add(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (framing == Framing.SSE) {
                if (b == '\n') {
                    trailingNewlines++;
                } else if (b != '\r') {
                    trailingNewlines = 0;
                }
            } else {
                json(b);
            }
        }
    }

    private void json(byte b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
            return;
        }
        switch (b) {
            case '"' -> inString = true;
            case '[', '{' -> {
                if (depth == 1) {
                    anyElement = true;
                }
                depth++;
            }
            case ']', '}' -> {
                depth--;
                if (depth == 0) {
                    arrayClosed = true;
                }
            }
            default -> { }
        }
    }

    /** The bytes that end the stream here with {@code error} (a Google error object), if this is a clean place. */
    Optional<byte[]> endWith(JsonNode error) {
        String text = error.toString();
        return switch (framing) {
            case SSE -> trailingNewlines >= 2 ? Optional.of(bytes("data: " + text + "\r\n\r\n")) : Optional.empty();
            case JSON_ARRAY -> {
                if (arrayClosed || inString || depth > 1) {
                    yield Optional.empty();
                }
                String open = depth == 0 ? "[" : "";
                yield Optional.of(bytes(open + (anyElement ? ",\r\n" : "") + text + "]"));
            }
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
