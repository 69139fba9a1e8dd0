package dev.nexus.admin;

import dev.nexus.alert.Alert;
import dev.nexus.alert.Alerts;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/alerts}: the recent alerts, newest first, for the dashboard's banner. */
public final class AlertsApi implements Routes {
    private final Alerts alerts;
    private final Replies replies;

    public AlertsApi(Alerts alerts, Replies replies) {
        this.alerts = alerts;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/alerts", (req, res) -> {
            List<Map<String, String>> list = alerts.recent().stream().map(AlertsApi::json).toList();
            replies.json(res, 200, Map.of("alerts", list));
        });
    }

    private static Map<String, String> json(Alert alert) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("id", alert.id());
        out.put("event", alert.event());
        out.put("subject", alert.subject());
        out.put("reason", alert.reason());
        out.put("at", alert.at().toString());
        return out;
    }
}
