package dev.nexus.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Writes JSON answers and dialect-shaped errors. The variants that take the request also show the answer to the request
 * monitor (its error message, and its body while body logging is on); the admin API uses the others.
 */
public final class Replies {
    private final ObjectMapper json;

    public Replies(ObjectMapper json) {
        this.json = json;
    }

    public void json(ServerResponse res, int status, Object body) {
        send(res, status, bytes(body));
    }

    /** A JSON answer to a request the monitor may be observing. */
    public void json(ServerRequest req, ServerResponse res, int status, Object body) {
        byte[] bytes = bytes(body);
        Observations.of(req).responseBytes(status, bytes);
        send(res, status, bytes);
    }

    /** A JSON answer already encoded (an upstream's body relayed as it is), to a request the monitor may be observing. */
    public void rawJson(ServerRequest req, ServerResponse res, int status, byte[] body) {
        Observations.of(req).responseBytes(status, body);
        send(res, status, body);
    }

    public void error(ServerRequest req, ServerResponse res, HttpError error) {
        ErrorDialect dialect = ErrorDialect.of(req.path().path(), req.headers().contains(HeaderNames.create("anthropic-version")));
        JsonNode body = dialect.body(error.status(), error.getMessage(), error.code());
        Observations.of(req).error(error.getMessage());
        if (error.closesConnection()) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
        json(req, res, error.status(), body);
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a reply", e);
        }
    }

    private static void send(ServerResponse res, int status, byte[] bytes) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes);
    }
}
