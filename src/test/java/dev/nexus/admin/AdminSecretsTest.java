package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.fake.FakeAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No admin answer carries a secret: after an account, a client key and a route exist, every {@code GET} under
 * {@code /api} is read and none contains a token, a refresh token, a full client key, an upstream API key or the
 * admin password. Key creation is the one answer allowed to show a full key. The list of endpoints swept is checked
 * against the {@code get("/api/…")} registrations in the sources, so a new endpoint cannot be forgotten.
 */
class AdminSecretsTest {
    private static final String ADMIN_PASSWORD = "admin-password-sweep-0001";
    private static final String ENV_KEY = "sk-env-key-sweep-00000001";
    private static final String GEMINI_KEY = "AIzaSySweepTestGeminiKey000000000000001";
    private static final String VERTEX_KEY = "AQ.SweepTestVertexKey0000000000000000001";
    /** Every GET endpoint under /api, with its path parameters as {@code {name}}. */
    private static final List<String> SWEPT = List.of("/api/version", "/api/status", "/api/accounts",
            "/api/accounts/cooldowns", "/api/accounts/{id}/models", "/api/model-routes", "/api/providers",
            "/api/providers/allowed", "/api/keys");
    /** Endpoints that answer one named thing in full on purpose and are not secrets: the email reveal. */
    private static final Set<String> NOT_SWEPT = Set.of("/api/accounts/{id}/email");

    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private FakeAccount alice;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        alice = google.addAccount("alice@example.com", "proj-alice");
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .env("NEXUS_API_KEY", ENV_KEY).env("NEXUS_GEMINI_API_KEYS", GEMINI_KEY).env("NEXUS_VERTEX_API_KEY", VERTEX_KEY);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", alice.refreshToken()).code()).isZero();
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    private String[] admin() {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes())};
    }

    @Test
    void noGetUnderApiShowsATokenAKeyOrThePassword() {
        HttpResponse<String> created = nexus.send(nexus.request("/api/keys").header(admin()[0], admin()[1])
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"sweep\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientKey = json(created.body()).path("key").asText();
        HttpResponse<String> route = nexus.send(nexus.request("/api/model-routes").header(admin()[0], admin()[1])
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"client_model\":\"sweep-model\",\"target_model\":\"gemini-3-flash\"}")));
        assertThat(route.statusCode()).as(route.body()).isEqualTo(201);
        String accountId = json(nexus.get("/api/accounts", admin()).body()).at("/accounts/0/id").asText();

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String endpoint : SWEPT) {
            String path = endpoint.replace("{id}", accountId) + (endpoint.endsWith("/allowed") ? "?client_model=sweep-model" : "");
            HttpResponse<String> answer = nexus.get(path, admin());
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            answers.add(answer);
        }

        List<String> secrets = new ArrayList<>(List.of(alice.refreshToken(), clientKey,
                clientKey.substring(json(created.body()).path("prefix").asText().length()), ENV_KEY, GEMINI_KEY, VERTEX_KEY,
                ADMIN_PASSWORD));
        for (RecordedRequest sent : google.requests()) {
            String authorization = sent.header("authorization");
            if (authorization != null && authorization.startsWith("Bearer ")) {
                secrets.add(authorization.substring("Bearer ".length()));
            }
        }
        assertThat(secrets).as("access tokens seen by the fake").hasSizeGreaterThan(7);
        for (HttpResponse<String> answer : answers) {
            for (String secret : secrets) {
                assertThat(answer.body()).as(answer.uri().getPath()).doesNotContain(secret);
            }
        }
    }

    @Test
    void theSweepCoversEveryGetEndpointUnderApi() throws IOException {
        Set<String> registered = new TreeSet<>();
        Pattern get = Pattern.compile("\\.get\\(\"(/api[^\"]*)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = get.matcher(Files.readString(source));
                while (m.find()) {
                    registered.add(m.group(1));
                }
            }
        }
        assertThat(registered).isNotEmpty();
        Set<String> covered = new TreeSet<>(SWEPT);
        covered.addAll(NOT_SWEPT);
        assertThat(covered).as("add new GET endpoints to SWEPT").containsAll(registered);
    }
}
