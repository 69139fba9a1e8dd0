package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.UpstreamError.Kind;

/**
 * Anthropic's error envelope, {@code {"type":"error","error":{"type","message"}}}: the body of an HTTP error and, as
 * is, the {@code data:} of an in-stream {@code error} event. Types follow Anthropic's status table: 400
 * invalid_request_error, 401 authentication_error, 402 billing_error (a permission failure of the key),
 * 403 permission_error, 404 not_found_error, 413 request_too_large,
 * 429 rate_limit_error, 500 api_error, 504 timeout_error, 529 overloaded_error.
 */
public final class AnthropicErrors {
    private AnthropicErrors() {}

    public static ObjectNode body(int status, String message) {
        return envelope(type(status), message);
    }

    /** A failure to show the client: typed by its kind, except that 413 and 529 keep their own types. */
    public static ObjectNode fromUpstream(UpstreamError error) {
        String type = switch (error.status()) {
            case 402 -> "billing_error";
            case 413 -> "request_too_large";
            case 529 -> "overloaded_error";
            default -> type(error.kind());
        };
        return envelope(type, error.message());
    }

    /**
     * An Anthropic upstream's error body (or in-stream {@code error} event) as an {@link UpstreamError}. The kind comes
     * from the HTTP status when there is one ({@code status > 0}), else from the error's {@code type}. The message is
     * kept as the upstream wrote it; the caller scrubs it before a client sees it.
     */
    public static UpstreamError toUpstream(int status, JsonNode body) {
        JsonNode error = body.path("error");
        String type = error.path("type").asText("");
        Kind kind = status > 0 ? kind(status) : kind(type);
        int shown = status > 0 ? status : switch (kind) {
            case INVALID_REQUEST -> type.equals("request_too_large") ? 413 : 400;
            case AUTHENTICATION -> 401;
            case PERMISSION -> 403;
            case NOT_FOUND -> 404;
            case RATE_LIMITED -> 429;
            case OVERLOADED -> 529;
            case TIMEOUT -> 504;
            case UPSTREAM, INTERNAL -> 502;
        };
        String message = error.path("message").asText("");
        return UpstreamError.of(shown, kind, message.isEmpty() ? "upstream error (HTTP " + shown + ")" : message);
    }

    static String type(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    static String type(Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case RATE_LIMITED -> "rate_limit_error";
            case OVERLOADED -> "overloaded_error";
            case TIMEOUT -> "timeout_error";
            case UPSTREAM, INTERNAL -> "api_error";
        };
    }

    private static Kind kind(int status) {
        return switch (status) {
            case 401 -> Kind.AUTHENTICATION;
            case 402, 403 -> Kind.PERMISSION;
            case 404 -> Kind.NOT_FOUND;
            case 408, 504 -> Kind.TIMEOUT;
            case 429 -> Kind.RATE_LIMITED;
            case 503, 529 -> Kind.OVERLOADED;
            default -> status >= 500 ? Kind.UPSTREAM : Kind.INVALID_REQUEST;
        };
    }

    private static Kind kind(String type) {
        return switch (type) {
            case "invalid_request_error", "request_too_large" -> Kind.INVALID_REQUEST;
            case "authentication_error" -> Kind.AUTHENTICATION;
            case "permission_error", "billing_error" -> Kind.PERMISSION;
            case "not_found_error" -> Kind.NOT_FOUND;
            case "rate_limit_error" -> Kind.RATE_LIMITED;
            case "overloaded_error" -> Kind.OVERLOADED;
            case "timeout_error" -> Kind.TIMEOUT;
            default -> Kind.UPSTREAM;
        };
    }

    private static ObjectNode envelope(String type, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return root;
    }
}
