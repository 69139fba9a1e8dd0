package dev.nexus.monitor;

import java.util.List;
import java.util.Optional;

/** The client surface a request arrived on, told from its path. */
public enum Surface {
    OPENAI_CHAT("openai.chat"),
    OPENAI_RESPONSES("openai.responses"),
    ANTHROPIC("anthropic"),
    GENAI("genai"),
    GEMINI_PROXY("gemini-proxy"),
    VERTEX_PROXY("vertex-proxy"),
    /** {@code /{provider}/…} relayed to an OpenAI-compatible catalog provider; the server tells these paths apart. */
    PROVIDER_PROXY("provider-proxy"),
    OTHER("other");

    /** Where the proxy surfaces live; everything else (admin API, pages, health) is not recorded. */
    private static final List<String> WATCHED = List.of("/v1", "/anthropic", "/genai", "/v1beta");

    private final String wireName;

    Surface(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for paths under {@code /v1/}, {@code /anthropic/}, {@code /genai/} and {@code /v1beta/}. */
    public static boolean watched(String path) {
        for (String root : WATCHED) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    public static Surface of(String path) {
        if (path.equals("/v1/chat/completions")) {
            return OPENAI_CHAT;
        }
        if (path.equals("/v1/responses") || path.startsWith("/v1/responses/")) {
            return OPENAI_RESPONSES;
        }
        if (path.startsWith("/anthropic/") || path.equals("/v1/messages") || path.startsWith("/v1/messages/")) {
            return ANTHROPIC;
        }
        if (path.startsWith("/genai/")) {
            return GENAI;
        }
        if (path.equals("/v1beta") || path.startsWith("/v1beta/")) {
            return GEMINI_PROXY;
        }
        if (path.startsWith("/v1/publishers/")) {
            return VERTEX_PROXY;
        }
        return OTHER;
    }

    public static Optional<Surface> parse(String wireName) {
        for (Surface s : values()) {
            if (s.wireName.equals(wireName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
