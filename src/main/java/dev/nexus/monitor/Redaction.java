package dev.nexus.monitor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text the monitor keeps (bodies, errors, paths) and shortens what is too big to be useful:
 * API keys ({@code sk-…}, {@code AIza…}), OAuth access ({@code ya29.…}) and refresh ({@code 1//…}) tokens, bearer
 * credentials, {@code key=} parameters and JSON fields named like secrets lose their value; data URLs and long base64
 * runs (images, signatures) keep their first characters; bodies are capped at {@link #BODY_CHARS}. Pure functions.
 */
public final class Redaction {
    /** The most of a body kept, in characters. */
    public static final int BODY_CHARS = 64 * 1024;
    /** Bytes captured beyond the cap, so a secret cut by the capture is still recognised before the cap cuts it. */
    static final int CAPTURE_MARGIN = 4 * 1024;
    private static final int BASE64_KEPT = 16;

    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)(\"(?:api[_-]?key|x-api-key|x-goog-api-key|key"
            + "|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|password|secret|authorization|token)\""
            + "\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*+)(\")");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern KEY_PARAM = Pattern.compile("(?i)([?&](?:key|api_key|apikey|access_token|token)=)[^&\\s\"'#]+");
    private static final Pattern OPENAI_STYLE_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_-]{6,}");
    private static final Pattern GOOGLE_KEY = Pattern.compile("AIza[0-9A-Za-z_-]{16,}");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("ya29\\.[0-9A-Za-z_.-]{6,}");
    private static final Pattern REFRESH_TOKEN = Pattern.compile("1//[0-9A-Za-z_-]{6,}");
    private static final Pattern DATA_URL = Pattern.compile("(data:[\\w.+-]+/[\\w.+-]+(?:;[\\w.+-]+=[\\w.+-]+)*+;base64,)"
            + "([A-Za-z0-9+/_-]{" + BASE64_KEPT + "})([A-Za-z0-9+/_-]{48,}=*)");
    private static final Pattern BASE64_RUN = Pattern.compile("(?<![A-Za-z0-9+/_-])([A-Za-z0-9+/_-]{" + BASE64_KEPT
            + "})([A-Za-z0-9+/_-]{496,}=*)");

    private Redaction() {}

    /** The text with every secret replaced by its kind and {@code [redacted]}, and long base64 shortened. */
    public static String text(String text) {
        if (text == null || text.isEmpty() || !mayHoldSecret(text)) {
            return text;
        }
        String out = DATA_URL.matcher(text).replaceAll(m -> quote(m.group(1) + m.group(2) + "…[" + m.group(3).length()
                + " base64 characters not kept]"));
        out = BASE64_RUN.matcher(out).replaceAll(m -> quote(m.group(1) + "…[" + m.group(2).length()
                + " base64 characters not kept]"));
        out = SECRET_FIELD.matcher(out).replaceAll("$1[redacted]$3");
        out = BEARER.matcher(out).replaceAll("$1[redacted]");
        out = KEY_PARAM.matcher(out).replaceAll("$1[redacted]");
        out = OPENAI_STYLE_KEY.matcher(out).replaceAll("sk-…[redacted]");
        out = GOOGLE_KEY.matcher(out).replaceAll("AIza…[redacted]");
        out = ACCESS_TOKEN.matcher(out).replaceAll("ya29.…[redacted]");
        return REFRESH_TOKEN.matcher(out).replaceAll("1//…[redacted]");
    }

    /** Words every pattern above needs, lower case; a base64 run needs length instead. */
    private static final String[] CLUES = {"key", "token", "secret", "password", "authorization", "bearer", "sk-", "aiza",
        "ya29.", "1//", "data:"};

    /**
     * False when no pattern can match, so the common short text (every request's path) skips nine regex passes; a
     * long text always gets them.
     */
    static boolean mayHoldSecret(String text) {
        if (text.length() >= BASE64_KEPT + 496) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String clue : CLUES) {
            if (lower.contains(clue)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A captured body as kept: redacted, then capped at {@link #BODY_CHARS} characters with a note of the full size.
     *
     * @param captured the first bytes of the body, decoded
     * @param complete false when the capture stopped before the body's end
     * @param totalBytes how many bytes the body had (or had when the request ended)
     */
    public static String body(String captured, boolean complete, long totalBytes) {
        String kept = text(captured);
        boolean cut = !complete;
        if (kept.length() > BODY_CHARS) {
            int end = Character.isHighSurrogate(kept.charAt(BODY_CHARS - 1)) ? BODY_CHARS - 1 : BODY_CHARS;
            kept = kept.substring(0, end);
            cut = true;
        }
        if (!cut) {
            return kept;
        }
        // Whatever token the cut went through may be the start of a secret too short to recognise: leave it out.
        return kept.substring(0, tokenStart(kept)) + "…[truncated; " + totalBytes + " bytes in all]";
    }

    /**
     * Where the token that ends {@code text} starts (its length when the last character is no token character). A
     * scan back from the end: the equivalent pattern {@code [A-Za-z0-9._~+/=-]+$} retries from every character of a
     * long run and costs the run's length squared.
     */
    static int tokenStart(String text) {
        int start = text.length();
        while (start > 0 && isTokenChar(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean isTokenChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "._~+/=-".indexOf(c) >= 0;
    }

    private static String quote(String replacement) {
        return java.util.regex.Matcher.quoteReplacement(replacement);
    }
}
