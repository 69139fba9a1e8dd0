package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.UpstreamError.Kind;

/** An error chunk inside a Gemini stream ({@code data: {"error":{code, message, status}}}) as an {@link UpstreamError}. */
final class StreamErrors {
    private StreamErrors() {}

    static UpstreamError of(JsonNode error) {
        int code = Wire.field(error, "code").asInt(0);
        int status = code >= 400 && code <= 599 ? code : 502;
        String message = Wire.text(error, "message");
        return UpstreamError.of(status, kind(status), message.isEmpty() ? "the upstream stream reported an error" : message);
    }

    private static Kind kind(int status) {
        return switch (status) {
            case 400, 413 -> Kind.INVALID_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            case 403 -> Kind.PERMISSION;
            case 404 -> Kind.NOT_FOUND;
            case 429 -> Kind.RATE_LIMITED;
            case 503, 529 -> Kind.OVERLOADED;
            case 504 -> Kind.TIMEOUT;
            default -> Kind.UPSTREAM;
        };
    }
}
