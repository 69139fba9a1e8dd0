package dev.nexus.server;

import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness ({@code /healthz}: the process answers) and readiness ({@code /readyz}: the database answers). */
final class Health implements Routes {
    private final BooleanSupplier databaseReachable;
    private final Replies replies;

    Health(BooleanSupplier databaseReachable, Replies replies) {
        this.databaseReachable = databaseReachable;
        this.replies = replies;
    }

    @Override
    public void register(io.helidon.webserver.http.HttpRouting.Builder routing) {
        routing.get("/healthz", (req, res) -> replies.json(res, 200, Map.of("status", "ok")));
        // Claude Code's connectivity probe of the base URL.
        routing.head("/", (req, res) -> res.status(200).send());
        routing.get("/readyz", (req, res) -> {
            if (databaseReachable.getAsBoolean()) {
                replies.json(res, 200, Map.of("status", "ready", "database", "ok"));
            } else {
                replies.json(res, 503, Map.of("status", "unavailable", "database",
                        "unreachable (check NEXUS_DB and that the database server is running)"));
            }
        });
    }
}
