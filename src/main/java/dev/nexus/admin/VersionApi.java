package dev.nexus.admin;

import dev.nexus.config.BuildInfo;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import java.util.Map;

/** {@code GET /api/version}. */
public final class VersionApi implements Routes {
    private final BuildInfo build;
    private final Replies replies;

    public VersionApi(BuildInfo build, Replies replies) {
        this.build = build;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/version", (req, res) -> replies.json(res, 200,
                Map.of("version", build.version(), "build_time", build.buildTime(),
                        "java", Runtime.version().toString())));
    }
}
