package dev.nexus.server;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.config.ConfigException;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAuthTest {
    @TempDir
    Path dir;

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAdminApiRefusesWithoutThePasswordWhenOneIsSet() {
        try (NexusHarness nexus = new NexusHarness(dir).env("NEXUS_ADMIN_PASSWORD", "open sesame").start()) {
            HttpResponse<String> none = nexus.get("/api/accounts");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(json(none.body()).path("error").path("message").asText()).contains("NEXUS_ADMIN_PASSWORD");
            assertThat(nexus.get("/api/accounts", "Authorization", basic("admin", "wrong")).statusCode()).isEqualTo(401);
            assertThat(nexus.get("/api/version", "Authorization", "Basic !!!notbase64").statusCode()).isEqualTo(401);
            assertThat(nexus.get("/api/accounts", "Authorization", basic("anyone", "open sesame")).statusCode()).isEqualTo(200);
            assertThat(nexus.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAPasswordTheAdminApiIsOpenOnLoopback() {
        try (NexusHarness nexus = new NexusHarness(dir).start()) {
            HttpResponse<String> res = nexus.get("/api/version");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(json(res.body()).path("version").asText()).isNotBlank();
        }
    }

    @Test
    void aNonLoopbackHostWithoutAPasswordIsRefusedAtStartUp() {
        NexusHarness nexus = new NexusHarness(dir).env("HOST", "0.0.0.0");
        assertThatThrownBy(nexus::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOST=0.0.0.0").hasMessageContaining("NEXUS_ADMIN_PASSWORD")
                .hasMessageContaining("NEXUS_ALLOW_OPEN_ADMIN=1");
        nexus.close();
    }

    @Test
    void aNonLoopbackHostStartsWithAPasswordOrAnExplicitOptIn() {
        try (NexusHarness withPassword = new NexusHarness(dir).env("HOST", "0.0.0.0").env("NEXUS_ADMIN_PASSWORD", "pw").start()) {
            assertThat(withPassword.get("/healthz").statusCode()).isEqualTo(200);
        }
        try (NexusHarness optedIn = new NexusHarness(dir).env("HOST", "0.0.0.0").env("NEXUS_ALLOW_OPEN_ADMIN", "1").start()) {
            assertThat(optedIn.get("/api/version").statusCode()).isEqualTo(200);
        }
    }
}
