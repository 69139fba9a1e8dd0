package dev.nexus.server;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Liveness ({@code /healthz}: the process answers), readiness ({@code /readyz}: the database answers) and the
 * clients' connectivity probes ({@link ClientProbes}).
 */
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
        // Claude Code's connectivity probes: the base URL, and /api/hello on newer versions.
        routing.head("/", (req, res) -> res.status(200).send());
        routing.head(ClientProbes.HELLO, (req, res) -> res.status(200).send());
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
