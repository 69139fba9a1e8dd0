package dev.nexus.dialect.gemini;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The upstream model a request is encoded for, and who signs its reasoning.
 *
 * @param model the upstream model id as called, e.g. {@code gemini-3-flash}, {@code gemini-2.5-pro},
 *     {@code claude-sonnet-4-5}
 * @param origin the signature origin of the upstream, e.g. {@code "cloudcode"}, {@code "gemini"}, {@code "vertex"}:
 *     signatures decoded from its answers carry it, and only signatures carrying it are replayed to it
 */
public record GeminiTarget(String model, String origin) {
    private static final Pattern GEMINI_3 = Pattern.compile("gemini-3(?![0-9])");

    public GeminiTarget {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a Gemini target needs a model id");
        }
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("a Gemini target needs a signature origin");
        }
    }

    /** A Claude model served through a Gemini-shaped upstream (Antigravity). */
    public boolean isClaude() {
        return lower().contains("claude");
    }

    /** The Gemini 3.x family, which takes {@code thinkingLevel} instead of {@code thinkingBudget}. */
    public boolean isGemini3() {
        return !isClaude() && GEMINI_3.matcher(lower()).find();
    }

    /** A "pro" model: Gemini 2.5 Pro cannot switch thinking off, Gemini 3 Pro has no MINIMAL level. */
    boolean isPro() {
        return lower().contains("-pro");
    }

    private String lower() {
        return model.toLowerCase(Locale.ROOT);
    }
}
