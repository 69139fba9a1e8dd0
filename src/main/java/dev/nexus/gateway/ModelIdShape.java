package dev.nexus.gateway;

/**
 * The shapes of the model ids providers are asked for. An id goes upstream with the server's credentials — in the URL
 * path for the Gemini API and Vertex providers, in the body for Cloud Code — so a route's target and fallbacks, and a
 * client's name passed on when no route matches, must have their provider's shape before any upstream call: nothing
 * that could leave a path segment ({@code /}, {@code ?}, {@code #}, {@code %}, dot segments), break a header or a log
 * line (spaces, control characters), or read as an option. Each {@link ProviderSpec} names its provider's shape; a
 * provider whose own ids contain {@code /} (catalogues of {@code org/model} ids) takes {@link #SLASHED}.
 */
public enum ModelIdShape {
    /** {@code gemini-2.5-flash}: what Cloud Code and Codex take. */
    PLAIN("letters, digits and . _ : - only, starting with a letter or digit, at most " + ModelIdShape.MAX_LENGTH
            + " characters (e.g. gemini-2.5-flash)"),
    /**
     * {@link #PLAIN}, or {@code google/} and a plain id: the publisher-qualified name Vertex's clients write, which the
     * Gemini API and Vertex providers send without the prefix.
     */
    GOOGLE_PUBLISHED("letters, digits and . _ : - only, starting with a letter or digit, at most "
            + ModelIdShape.MAX_LENGTH + " characters, optionally after google/ (e.g. gemini-2.5-flash)"),
    /** Plain ids joined by single slashes, e.g. {@code meta/llama-3.1-8b-instruct}: catalogues of OpenAI-compatible providers. */
    SLASHED("plain ids (letters, digits and . _ : -, each starting with a letter or digit) joined by single slashes, at most "
            + ModelIdShape.MAX_LENGTH + " characters (e.g. meta/llama-3.1-8b-instruct)");

    /** The longest id of any shape. */
    public static final int MAX_LENGTH = 128;
    private static final String PUBLISHER = "google/";

    private final String rule;

    ModelIdShape(String rule) {
        this.rule = rule;
    }

    /** What ids of this shape look like, for messages. */
    public String rule() {
        return rule;
    }

    public boolean accepts(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        // Every routed request checks its target here, so the ids are scanned by hand rather than by a regex.
        return switch (this) {
            case PLAIN -> plainIds(id, 0, false);
            case GOOGLE_PUBLISHED -> plainIds(id, id.startsWith(PUBLISHER) ? PUBLISHER.length() : 0, false);
            case SLASHED -> plainIds(id, 0, true);
        };
    }

    /**
     * Whether {@code id} from {@code start} on is a plain id — a letter or digit, then letters, digits and
     * {@code . _ : -} — or, when {@code slashes}, several joined by single slashes.
     */
    private static boolean plainIds(String id, int start, boolean slashes) {
        boolean idStart = true;
        if (start >= id.length()) {
            return false;
        }
        for (int i = start; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alphanumeric = c < 128 && Character.isLetterOrDigit(c);
            if (idStart) {
                if (!alphanumeric) {
                    return false;
                }
                idStart = false;
            } else if (c == '/' && slashes) {
                idStart = true;
            } else if (!alphanumeric && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return !idStart;
    }
}
