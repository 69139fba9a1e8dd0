package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.monitor.RequestHistory;
import dev.nexus.monitor.Tally;
import dev.nexus.monitor.UsageReport;
import dev.nexus.server.HttpError;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /api/usage?range=24h|30d}: requests, errors and tokens per hour of the last 24 hours (24 buckets) or per
 * UTC day of the last 30 days (30 buckets), zeros included, and the busiest accounts (masked), models and client keys
 * over the same span; counted by the database from the request log.
 */
public final class UsageApi implements Routes {
    private final RequestHistory history;
    private final Replies replies;
    private final Clock clock;

    public UsageApi(RequestHistory history, Replies replies, Clock clock) {
        this.history = history;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/usage", (req, res) -> {
            String range = req.query().first("range").map(String::trim).filter(r -> !r.isEmpty()).orElse("24h");
            UsageReport report;
            try {
                report = history.usage(range, clock.instant());
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, e.getMessage(), "invalid_request");
            }
            replies.json(res, 200, json(report));
        });
    }

    private static ObjectNode json(UsageReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("range", report.period().range());
        root.put("bucket", report.period().bucket());
        ArrayNode buckets = root.putArray("buckets");
        for (UsageReport.Bucket b : report.buckets()) {
            RecordJson.counts(buckets.addObject().put("start", b.start().getEpochSecond()), b.counts());
        }
        groups(root.putArray("by_account"), report.byAccount());
        groups(root.putArray("by_model"), report.byModel());
        groups(root.putArray("by_key"), report.byKey());
        return root;
    }

    private static void groups(ArrayNode array, List<Tally> tallies) {
        tallies.forEach(t -> RecordJson.counts(array.addObject().put("name", t.name()), t));
    }
}
