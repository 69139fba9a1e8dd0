package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.selftest.Probe;
import dev.nexus.selftest.SelfTest;
import dev.nexus.server.HttpError;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import java.util.stream.Collectors;

/**
 * {@code GET /api/test?endpoint=<id>} runs one self-test probe (a real request through this server, which spends a
 * little quota and is recorded in the monitor under the key {@code self-test}); {@code GET /api/test/endpoints} lists
 * the probes and which are switched off.
 */
public final class SelfTestApi implements Routes {
    private final SelfTest selfTest;
    private final Replies replies;

    public SelfTestApi(SelfTest selfTest, Replies replies) {
        this.selfTest = selfTest;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/test/endpoints", (req, res) -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode list = body.putArray("endpoints");
            selfTest.probes().forEach(p -> list.add(ProbeJson.probe(p)));
            replies.json(res, 200, body.put("count", list.size()));
        });
        routing.get("/api/test", (req, res) -> {
            String id = req.query().first("endpoint").orElse("").strip();
            if (id.isEmpty()) {
                throw new HttpError(400, "endpoint is required: GET /api/test?endpoint=<id>, one of " + ids(), "invalid_request");
            }
            Probe probe = selfTest.probe(id).orElseThrow(() -> new HttpError(400, "unknown endpoint '" + shown(id)
                    + "': use one of " + ids(), "invalid_request"));
            replies.json(res, 200, ProbeJson.result(selfTest.run(probe)));
        });
    }

    private String ids() {
        return selfTest.probes().stream().map(Probe::id).collect(Collectors.joining(", "));
    }

    private static String shown(String id) {
        String cut = id.length() > 60 ? id.substring(0, 60) + "…" : id;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
