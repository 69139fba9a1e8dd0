package dev.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nexus doctor} against the fakes, through the real CLI: its own server on a loopback port sends each probe to
 * the fake upstreams; a revoked account fails with the fix; {@code --no-requests} asks no upstream.
 */
class DoctorCommandTest {
    private static final String GEMINI_KEY = "AIzaSyDoctor-aaaaaaaaaaaaaaaaaaaaaa1111";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private FakeGeminiApi gemini;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        gemini = FakeGeminiApi.start().acceptKey(GEMINI_KEY);
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_GEMINI_API_KEYS", GEMINI_KEY)
                .env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl());
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code())
                .isZero();
    }

    @AfterEach
    void stop() {
        nexus.close();
        gemini.close();
        google.close();
    }

    private static JsonNode check(JsonNode report, String group, String name) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("group").asText().equals(group) && c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + group + "/" + name + " in " + report.toPrettyString());
    }

    private static List<String> statuses(JsonNode report, String group) {
        List<String> found = new ArrayList<>();
        report.path("checks").forEach(c -> {
            if (c.path("group").asText().equals(group)) {
                found.add(c.path("name").asText() + "=" + c.path("status").asText());
            }
        });
        return found;
    }

    @Test
    void withOneAccountEveryCheckIsGreenAndEverySurfaceReachedItsUpstream() {
        NexusHarness.CliResult result = nexus.cli("doctor", "--json");
        JsonNode report = result.json();
        assertThat(result.code()).as(report.toPrettyString()).isZero();
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(statuses(report, "configuration")).containsExactly("java=ok", "admin password=ok", "database=ok", "secret key=ok");
        JsonNode alice = check(report, "accounts", "alice@example.com");
        assertThat(alice.path("status").asText()).isEqualTo("ok");
        assertThat(alice.path("detail").asText()).contains("project proj-alice").contains("5 models in its catalogue")
                .contains("lowest quota 100%");
        assertThat(statuses(report, "key proxies")).containsExactly("gemini=ok", "vertex=skipped");
        assertThat(statuses(report, "surfaces")).containsExactly("openai_chat=ok", "openai_responses=ok", "anthropic_messages=ok",
                "genai_generate=ok", "gemini_api_generate=ok", "vertex_generate=skipped");
        assertThat(check(report, "surfaces", "openai_chat").at("/probe/snippet").asText()).isEqualTo("Hello from fake");
        assertThat(google.requests().stream().filter(r -> r.path().toLowerCase().contains("generatecontent")).count()).isEqualTo(4);
        assertThat(gemini.requestsWithKey(GEMINI_KEY)).hasSize(1);
    }

    @Test
    void aRevokedAccountFailsWithTheFixAndTheExitCodeSaysSo() {
        google.revokeRefreshToken("alice@example.com");
        NexusHarness.CliResult result = nexus.cli("doctor", "--json");
        JsonNode report = result.json();
        assertThat(result.code()).isEqualTo(1);
        assertThat(report.path("ok").asBoolean()).isFalse();
        JsonNode alice = check(report, "accounts", "alice@example.com");
        assertThat(alice.path("status").asText()).isEqualTo("fail");
        assertThat(alice.path("hint").asText()).contains("nexus accounts login");
        JsonNode chat = check(report, "surfaces", "openai_chat");
        assertThat(chat.path("status").asText()).isEqualTo("fail");
        assertThat(chat.at("/probe/status_code").asInt()).isEqualTo(503);
        assertThat(chat.path("hint").asText()).contains("nexus accounts login");
    }

    @Test
    void theTextReportNamesEachCheckAndEndsWithTheVerdict() {
        NexusHarness.CliResult result = nexus.cli("doctor");
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("Configuration:", "Accounts:", "Key proxies:", "Surfaces:",
                "ok   alice@example.com: token refreshed (antigravity OAuth client)", "skip vertex_generate: vertex_proxy_disabled")
                .endsWith("All checks passed.\n");
    }

    @Test
    void noRequestsAsksNoUpstreamAndAKeyFileOthersCanReadFails() throws Exception {
        int before = google.requests().size();
        Path keyFile = dir.resolve("nexus.db.key");
        assertThat(keyFile).exists();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        NexusHarness.CliResult result = nexus.cli("doctor", "--json", "--no-requests");
        JsonNode report = result.json();
        assertThat(result.code()).isEqualTo(1);
        JsonNode key = check(report, "configuration", "secret key");
        assertThat(key.path("status").asText()).isEqualTo("fail");
        assertThat(key.path("hint").asText()).isEqualTo("run: chmod 600 " + keyFile);
        assertThat(check(report, "accounts", "alice@example.com").path("detail").asText()).contains("--no-requests");
        assertThat(check(report, "surfaces", "surfaces").path("status").asText()).isEqualTo("skipped");
        assertThat(google.requests()).hasSize(before);
    }
}
