package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.UpstreamError.Kind;
import dev.nexus.dialect.DialectException;

/**
 * OpenAI's error envelope, {@code {"error":{"message","type","param","code"}}}: the body of an HTTP error and, as is,
 * the {@code data:} of an in-stream error chunk. One table, {@link #type(Kind)} and {@link #code(Kind)}, for both.
 */
public final class OpenAiErrors {
    private OpenAiErrors() {}

    public static ObjectNode body(int status, String message, String code) {
        return envelope(message, type(status), null, code);
    }

    /** A failure to show the client, typed by its kind. */
    public static ObjectNode fromUpstream(UpstreamError error) {
        return envelope(error.message(), type(error.kind()), null, code(error.kind()));
    }

    /** A request the dialect could not decode, with the offending field as {@code param}. */
    public static ObjectNode fromDialect(DialectException error) {
        return envelope(error.getMessage(), type(error.status()), error.param(), null);
    }

    /**
     * An OpenAI-compatible upstream's error body (or in-stream error chunk) as an {@link UpstreamError}. The kind comes
     * from the HTTP status when there is one ({@code status > 0}), else from the error's {@code type}. The message is
     * kept as the upstream wrote it; the caller scrubs it before a client sees it.
     */
    public static UpstreamError toUpstream(int status, JsonNode body) {
        JsonNode error = body.path("error");
        String message = error.path("message").asText(error.isTextual() ? error.asText() : "");
        Kind kind = status > 0 ? kind(status) : kind(error.path("type").asText(""), error.path("code").asText(""));
        int shown = status > 0 ? status : status(kind);
        return UpstreamError.of(shown, kind, message.isEmpty() ? "upstream error (HTTP " + shown + ")" : message);
    }

    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /** As OpenAI types them: an unknown model is an {@code invalid_request_error} with code {@code model_not_found}. */
    static String type(Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, NOT_FOUND -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case RATE_LIMITED -> "rate_limit_error";
            case OVERLOADED, UPSTREAM, TIMEOUT, INTERNAL -> "server_error";
        };
    }

    static String code(Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> "invalid_request";
            case AUTHENTICATION -> "invalid_api_key";
            case PERMISSION -> "permission_denied";
            case NOT_FOUND -> "model_not_found";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case OVERLOADED -> "server_overloaded";
            case UPSTREAM -> "upstream_error";
            case TIMEOUT -> "timeout";
            case INTERNAL -> "internal_error";
        };
    }

    /** The HTTP status a client is shown for a failure of this kind when the upstream gave none. */
    static int status(Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION -> 401;
            case PERMISSION -> 403;
            case NOT_FOUND -> 404;
            case RATE_LIMITED -> 429;
            case OVERLOADED -> 503;
            case TIMEOUT -> 504;
            case UPSTREAM, INTERNAL -> 502;
        };
    }

    /** The kind of failure an upstream's HTTP status says. */
    static Kind kind(int status) {
        return switch (status) {
            case 401 -> Kind.AUTHENTICATION;
            case 403 -> Kind.PERMISSION;
            case 404 -> Kind.NOT_FOUND;
            case 408, 504 -> Kind.TIMEOUT;
            case 429 -> Kind.RATE_LIMITED;
            case 503, 529 -> Kind.OVERLOADED;
            default -> status >= 500 ? Kind.UPSTREAM : Kind.INVALID_REQUEST;
        };
    }

    private static Kind kind(String type, String code) {
        return switch (type) {
            case "invalid_request_error" -> code.equals("model_not_found") ? Kind.NOT_FOUND : Kind.INVALID_REQUEST;
            case "authentication_error" -> Kind.AUTHENTICATION;
            case "permission_error" -> Kind.PERMISSION;
            case "not_found_error" -> Kind.NOT_FOUND;
            case "rate_limit_error", "insufficient_quota" -> Kind.RATE_LIMITED;
            default -> code.equals("rate_limit_exceeded") ? Kind.RATE_LIMITED : Kind.UPSTREAM;
        };
    }

    private static ObjectNode envelope(String message, String type, String param, String code) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }
}
