package dev.nexus.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.RawHttp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who reaches {@code /metrics} without an admin password: with no token it is open like the rest of the admin surface
 * (loopback, names this server answers to); with NEXUS_METRICS_TOKEN only the token opens it, from any host name.
 */
class MetricsAccessTest {
    private static final String TOKEN = "scrape-token-abcdef0123456789";
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @AfterEach
    void stop() {
        if (nexus != null) {
            nexus.close();
        }
    }

    private String status(String host, String authorization) {
        try (RawHttp http = RawHttp.connect(nexus.baseUrl())) {
            return http.send("GET /metrics HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Connection: close\r\n\r\n").read().statusLine();
        }
    }

    @Test
    void withoutPasswordOrTokenItIsOpenOnLoopbackAndGuardedAgainstReboundNames() {
        nexus = new NexusHarness(dir).start();
        assertThat(status("127.0.0.1", null)).contains(" 200");
        assertThat(status("attacker.example", null)).contains(" 421");
    }

    @Test
    void withATokenOnlyTheTokenOpensItFromAnyName() {
        nexus = new NexusHarness(dir).env("NEXUS_METRICS_TOKEN", TOKEN).start();
        assertThat(status("127.0.0.1", null)).contains(" 401");
        assertThat(status("127.0.0.1", "Bearer not-the-token")).contains(" 401");
        assertThat(status("127.0.0.1", "Bearer " + TOKEN)).contains(" 200");
        assertThat(status("prometheus-target.internal:9090", "Bearer " + TOKEN)).contains(" 200");
        assertThat(status("prometheus-target.internal:9090", null)).contains(" 401");
        // The admin API stays as it was: open on loopback (no password), the token changes nothing there.
        assertThat(nexus.get("/api/version").statusCode()).isEqualTo(200);
    }
}
