package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anthropic's error envelope: {@code {"type":"error","error":{"type","message"}}}. */
public final class AnthropicErrors {
    private AnthropicErrors() {}

    public static ObjectNode body(int status, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type(status));
        error.put("message", message);
        return root;
    }

    static String type(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
