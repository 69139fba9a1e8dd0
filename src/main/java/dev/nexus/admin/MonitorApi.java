package dev.nexus.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.config.Settings;
import dev.nexus.monitor.BodyLogging;
import dev.nexus.monitor.Cursor;
import dev.nexus.monitor.RecordQuery;
import dev.nexus.monitor.RequestHistory;
import dev.nexus.monitor.RequestMonitor;
import dev.nexus.monitor.RequestRecord;
import dev.nexus.monitor.StatusClass;
import dev.nexus.monitor.Surface;
import dev.nexus.server.HttpError;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /api/monitor}: the request history ({@code GET requests} with search, filters and cursor paging, newest first;
 * {@code GET requests/{id}} with bodies) and the body-logging switch ({@code GET}/{@code PUT settings}). The live
 * stream is {@link MonitorStream}. Records hold no secret in full: accounts masked, keys by name, text redacted.
 */
public final class MonitorApi implements Routes {
    private final RequestHistory history;
    private final RequestMonitor monitor;
    private final BodyLogging bodyLogging;
    private final Settings.RequestLog limits;
    private final JsonBodies bodies;
    private final Replies replies;

    public MonitorApi(RequestHistory history, RequestMonitor monitor, BodyLogging bodyLogging, Settings.RequestLog limits,
            JsonBodies bodies, Replies replies) {
        this.history = history;
        this.monitor = monitor;
        this.bodyLogging = bodyLogging;
        this.limits = limits;
        this.bodies = bodies;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/monitor/requests", (req, res) -> replies.json(res, 200, page(query(req))))
                .get("/api/monitor/requests/{id}", (req, res) -> {
                    String id = req.path().pathParameters().get("id");
                    RequestRecord record = history.find(id).orElseThrow(() -> new HttpError(404, "no request record with id '"
                            + id + "': it does not exist, was removed by retention (NEXUS_LOG_RETENTION_DAYS, NEXUS_LOG_MAX_ROWS),"
                            + " or is still being written (try again in a moment)", "not_found"));
                    replies.json(res, 200, RecordJson.detail(record));
                })
                .get("/api/monitor/settings", (req, res) -> replies.json(res, 200, settings()))
                .put("/api/monitor/settings", (req, res) -> {
                    bodyLogging.set(logBodies(bodies.readObject(req)));
                    replies.json(res, 200, settings());
                });
    }

    private ObjectNode page(RecordQuery query) {
        RequestHistory.Page page = history.page(query);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode records = root.putArray("records");
        page.records().forEach(r -> records.add(RecordJson.summary(r)));
        root.put("next_cursor", page.next().map(Cursor::encode).orElse(null));
        root.put("dropped", monitor.stats().dropped());
        return root;
    }

    /** {@code {"log_bodies","retention_days","max_rows"}}: the switch, and the limits set by the environment. */
    private ObjectNode settings() {
        return JsonNodeFactory.instance.objectNode().put("log_bodies", bodyLogging.on())
                .put("retention_days", limits.retention().toDays()).put("max_rows", limits.maxRows());
    }

    private static boolean logBodies(JsonNode body) {
        JsonNode value = body.path("log_bodies");
        if (!value.isBoolean()) {
            throw new HttpError(400, "send {\"log_bodies\": true} to keep request and response bodies (redacted) or"
                    + " {\"log_bodies\": false} to stop", "invalid_request");
        }
        return value.asBoolean();
    }

    static RecordQuery query(ServerRequest req) {
        Optional<StatusClass> status = param(req, "status").map(s -> StatusClass.parse(s).orElseThrow(() -> invalid("status", s,
                "use 2xx, 4xx, 5xx or error")));
        Optional<String> surface = param(req, "surface").map(s -> Surface.parse(s).map(Surface::wireName).orElseThrow(() ->
                invalid("surface", s, "use one of " + Arrays.stream(Surface.values()).map(Surface::wireName)
                        .collect(Collectors.joining(", ")))));
        Optional<Cursor> before = param(req, "before").map(c -> {
            try {
                return Cursor.parse(c);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, e.getMessage(), "invalid_request");
            }
        });
        int limit = param(req, "limit").map(l -> {
            try {
                int n = Integer.parseInt(l);
                if (n >= 1 && n <= RecordQuery.MAX_LIMIT) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw invalid("limit", l, "use a number from 1 to " + RecordQuery.MAX_LIMIT);
        }).orElse(RecordQuery.DEFAULT_LIMIT);
        return new RecordQuery(param(req, "q"), status, surface, param(req, "model"), param(req, "account"), param(req, "key"),
                before, limit);
    }

    private static Optional<String> param(ServerRequest req, String name) {
        return req.query().first(name).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static HttpError invalid(String name, String value, String fix) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return new HttpError(400, "invalid " + name + " '" + shown + "': " + fix, "invalid_request");
    }
}
