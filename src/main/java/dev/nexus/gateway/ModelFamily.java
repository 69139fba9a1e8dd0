package dev.nexus.gateway;

import java.util.Locale;

/** The family a client model name belongs to, by its lower-cased prefix (seed §6.4). */
public enum ModelFamily {
    GPT,
    GEMINI,
    CLAUDE,
    /** Any name without one of the prefixes above. */
    OTHER;

    public static ModelFamily of(String clientModel) {
        String name = clientModel.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("gpt")) {
            return GPT;
        }
        if (name.startsWith("gemini")) {
            return GEMINI;
        }
        if (name.startsWith("claude")) {
            return CLAUDE;
        }
        return OTHER;
    }
}
