package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Response helpers shared by the endpoints; each one completes the exchange. */
final class Exchanges {

    /**
     * Thrown out of a handler to drop the connection. The JDK server answers an escaping exception by
     * closing the socket without the terminating chunk, which is exactly a truncated stream to the client.
     */
    static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped() {
            super("fake dropped the connection on purpose", null, false, false);
        }
    }

    private Exchanges() {}

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json; charset=UTF-8", Json.write(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The HTML page Google's front end serves for a path no API lives at. */
    static void notFoundPage(HttpExchange exchange, String path) throws IOException {
        send(exchange, 404, "text/html; charset=UTF-8",
                "<!DOCTYPE html><title>Error 404 (Not Found)</title><p>The requested URL " + path + " was not found on this server.</p>");
    }

    static void error(HttpExchange exchange, GoogleError error, String model, java.time.Instant now) throws IOException {
        json(exchange, error.httpStatus(), GoogleErrors.render(error, model, now));
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    static ConnectionDropped drop() {
        return new ConnectionDropped();
    }

    /** {@code base} with the name/value pairs appended as query parameters; pairs with a null value are left out. */
    static String withQuery(String base, String... pairs) {
        StringBuilder url = new StringBuilder(base);
        char separator = base.contains("?") ? '&' : '?';
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                url.append(separator).append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }
}
