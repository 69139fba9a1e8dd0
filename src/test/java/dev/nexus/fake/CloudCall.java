package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;

/** One authenticated Cloud Code call: who made it, what it sent, and the exchange to answer on. */
record CloudCall(HttpExchange exchange, RecordedRequest request, AccountState account, JsonNode body, Instant now) {

    void ok(JsonNode response) throws IOException {
        Exchanges.json(exchange, 200, response);
    }

    void fail(GoogleError error) throws IOException {
        fail(error, null);
    }

    void fail(GoogleError error, String model) throws IOException {
        Exchanges.error(exchange, error, model, now);
    }

    /** The envelope's {@code project}, or null. */
    String project() {
        JsonNode project = body.get("project");
        return project != null && project.isTextual() ? project.asText() : null;
    }

    /** A 403 when a project is named that is not this account's (an account without a project owns none). */
    GoogleError projectMismatch() {
        String project = project();
        if (project == null || (account.onboarded() && project.equals(account.projectId()))) {
            return null;
        }
        return GoogleErrors.projectDenied(project);
    }
}
