package dev.nexus.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.dialect.anthropic.AnthropicErrors;
import dev.nexus.dialect.gemini.GoogleErrors;
import dev.nexus.dialect.openai.OpenAiErrors;

/** Which error envelope a request gets, decided by the surface its path belongs to. */
public enum ErrorDialect {
    OPENAI,
    ANTHROPIC,
    GOOGLE,
    /** The admin API and everything else Nexus serves itself. */
    NEXUS;

    /**
     * @param anthropicVersion whether the request carried {@code anthropic-version}: Anthropic clients that use
     *     the bare server URL send {@code /v1/...} paths and must still get Anthropic's envelope
     */
    public static ErrorDialect of(String path, boolean anthropicVersion) {
        if (path.startsWith("/anthropic/") || path.equals("/anthropic")
                || path.startsWith("/v1/messages") || (anthropicVersion && path.startsWith("/v1/"))) {
            return ANTHROPIC;
        }
        if (path.startsWith("/genai/") || path.startsWith("/v1beta/") || path.equals("/v1beta")
                || path.startsWith("/v1/publishers/")) {
            return GOOGLE;
        }
        if (path.startsWith("/v1/") || path.equals("/v1") || ProviderPaths.covers(path)) {
            return OPENAI;
        }
        return NEXUS;
    }

    public ObjectNode body(int status, String message, String code) {
        return switch (this) {
            case OPENAI -> OpenAiErrors.body(status, message, code);
            case ANTHROPIC -> AnthropicErrors.body(status, message);
            case GOOGLE -> GoogleErrors.body(status, message);
            case NEXUS -> {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                ObjectNode error = root.putObject("error");
                error.put("status", status);
                error.put("message", message);
                if (code != null) {
                    error.put("code", code);
                }
                yield root;
            }
        };
    }
}
