package dev.nexus.server;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;

/**
 * The answers Helidon writes itself, for requests it refuses before routing (a malformed request line, conflicting or
 * invalid {@code Content-Length}/{@code Transfer-Encoding}, a bad {@code Host}), in the envelope of the path's dialect
 * like every other error. A server error shows no detail (Helidon logs it).
 */
final class ConnectionErrors implements DirectHandler {
    /** Helidon's stand-in for a message it does not want to show. */
    private static final String WITHHELD = "Bad request, see server log";

    static DirectHandlers handlers() {
        ConnectionErrors errors = new ConnectionErrors();
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, errors);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        int code = status.code();
        String text;
        String errorCode;
        String detail = message == null || message.isBlank() || message.startsWith(WITHHELD)
                ? "the request line or headers are not valid HTTP/1.1" : message;
        if (code == 500) {
            text = "internal error in Nexus (the server log has the details)";
            errorCode = "internal_error";
        } else if (code >= 500) {
            text = "the server cannot serve this request: " + detail; // e.g. 501 for a transfer coding other than chunked
            errorCode = "unsupported";
        } else {
            text = "malformed HTTP request: " + detail + " (the client must send valid HTTP/1.1 framing)";
            errorCode = code == 413 ? "request_too_large" : "invalid_request_error";
        }
        ErrorDialect dialect = ErrorDialect.of(request.path(), request.headers().contains(HeaderNames.create("anthropic-version")));
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(dialect.body(code, text, errorCode).toString().getBytes(StandardCharsets.UTF_8))
                .keepAlive(false)
                .build();
    }
}
