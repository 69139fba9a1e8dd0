package dev.nexus.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The rule for a model name as a client sends it (a body's {@code model}, the {@code {model}} of a Google path) and as
 * a route's client model names it: visible text of at most {@value #MAX_LENGTH} characters. A control character
 * (CR, LF, NUL, …), an invisible format character (bidi overrides, zero-width marks), a line or paragraph separator or
 * a lone surrogate is refused: the name is matched against routes, echoed in headers, logged and recorded. Checked once
 * where each front reads the name. Whether a name may be sent upstream as it is decides the gateway's stricter
 * model-id rule ({@code gateway.ModelIdShape}).
 */
public final class ClientModelName {
    public static final int MAX_LENGTH = 256;

    private ClientModelName() {}

    /** What is wrong with {@code name} as a model name, to follow the field's name in a message; empty when nothing. */
    public static Optional<String> problem(String name) {
        if (name.isBlank()) {
            return Optional.of("is empty; set it to the model to use");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is " + name.length() + " characters long; a model name has at most " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            String kind = switch (Character.getType(c)) {
                case Character.CONTROL -> "a control character";
                case Character.FORMAT -> "an invisible format character";
                case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line separator";
                case Character.SURROGATE -> "a lone UTF-16 surrogate";
                default -> null;
            };
            if (kind != null) {
                return Optional.of("contains " + kind + " (" + codePoint(c) + ") at position " + i
                        + "; send the model name as plain text, such as gemini-2.5-flash");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /** {@code U+000A}: how a character that cannot be shown is named in a message. */
    public static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }
}
