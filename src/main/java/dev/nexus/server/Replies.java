package dev.nexus.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON answers and dialect-shaped errors. */
public final class Replies {
    private final ObjectMapper json;

    public Replies(ObjectMapper json) {
        this.json = json;
    }

    public void json(ServerResponse res, int status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a reply", e);
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes);
    }

    public void error(ServerRequest req, ServerResponse res, HttpError error) {
        ErrorDialect dialect = ErrorDialect.of(req.path().path(), req.headers().contains(HeaderNames.create("anthropic-version")));
        JsonNode body = dialect.body(error.status(), error.getMessage(), error.code());
        json(res, error.status(), body);
    }
}
