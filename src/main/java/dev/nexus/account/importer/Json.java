package dev.nexus.account.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.secret.Secret;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Small readers for the loosely typed fields of credential files. */
final class Json {
    /** Numbers above this are taken as epoch milliseconds, below as seconds (year 33658 in seconds). */
    private static final long MILLIS_THRESHOLD = 1_000_000_000_000L;

    private Json() {}

    /** A non-blank text field, trimmed. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.asText().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static Optional<Secret> secret(JsonNode node, String field) {
        return text(node, field).map(Secret::of);
    }

    /**
     * An instant written as epoch seconds or milliseconds (a number or a numeric string; the magnitude tells which,
     * since files disagree) or as ISO-8601 text.
     */
    static Optional<Instant> instant(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return Optional.of(epoch(value.asLong()));
        }
        Optional<String> text = text(node, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(epoch(Long.parseLong(text.get())));
        } catch (NumberFormatException notANumber) {
            try {
                return Optional.of(Instant.parse(text.get()));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Instant epoch(long value) {
        return value >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }
}
