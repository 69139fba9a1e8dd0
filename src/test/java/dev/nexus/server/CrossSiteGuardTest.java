package dev.nexus.server;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.testing.NexusHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admin changes sent by a browser on behalf of another site are refused; the dashboard's own and scripts' pass. */
class CrossSiteGuardTest {
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        nexus = new NexusHarness(dir).start();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    private HttpResponse<String> createKey(String... headers) {
        HttpRequest.Builder request = nexus.request("/api/keys").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return nexus.send(request);
    }

    @Test
    void aChangeFromAnotherSiteIsRefused() {
        HttpResponse<String> refused = createKey("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused.body()).path("error").path("message").asText()).contains("cross-site request refused");
        assertThat(createKey("Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
        assertThat(createKey("Origin", "http://localhost:3000").statusCode()).isEqualTo(403);
        assertThat(createKey("Origin", "null").statusCode()).isEqualTo(403);
        assertThat(json(nexus.get("/api/keys").body()).path("count").asInt()).isEqualTo(1);
    }

    @Test
    void changesFromTheDashboardAndFromScriptsPass() {
        assertThat(createKey("Sec-Fetch-Site", "same-origin", "Origin", nexus.baseUrl()).statusCode()).isEqualTo(201);
        assertThat(createKey("Origin", nexus.baseUrl()).statusCode()).isEqualTo(201);
        assertThat(createKey().statusCode()).isEqualTo(201);
        assertThat(nexus.get("/api/keys", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(200);
    }
}
