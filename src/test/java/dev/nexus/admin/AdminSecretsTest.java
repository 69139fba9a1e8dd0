package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nexus.fake.FakeAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Iterator;
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
            "/api/providers/allowed", "/api/keys", "/api/monitor/requests", "/api/monitor/requests/{record}",
            "/api/monitor/settings", "/api/usage", "/api/test/endpoints", "/api/test", "/api/alerts");
    /**
     * Endpoints not read by the loop: the email reveal answers one named thing in full on purpose and is no secret; the
     * live stream never ends and is read on its own; the Codex windows exist only for ChatGPT accounts (the sweep's
     * account is Google's) and CodexQuotaEndpointTest checks their answer carries no token.
     */
    private static final Set<String> NOT_SWEPT = Set.of("/api/accounts/{id}/email", "/api/monitor/stream",
            "/api/accounts/{id}/codex-quota");

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
    void noGetUnderApiShowsATokenAKeyOrThePassword() throws Exception {
        HttpResponse<String> created = nexus.send(nexus.request("/api/keys").header(admin()[0], admin()[1])
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"sweep\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientKey = json(created.body()).path("key").asText();
        HttpResponse<String> route = nexus.send(nexus.request("/api/model-routes").header(admin()[0], admin()[1])
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_model\":\"sweep-model\",\"target_model\":\"gemini-3-flash\"}")));
        assertThat(route.statusCode()).as(route.body()).isEqualTo(201);
        String accountId = json(nexus.get("/api/accounts", admin()).body()).at("/accounts/0/id").asText();
        HttpResponse<String> logging = nexus.send(nexus.request("/api/monitor/settings").header(admin()[0], admin()[1])
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"log_bodies\":true}")));
        assertThat(logging.statusCode()).as(logging.body()).isEqualTo(200);

        List<String> streamed = new ArrayList<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Stream<String>> stream = http.send(nexus.request("/api/monitor/stream").header(admin()[0], admin()[1])
                    .GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            proxiedRequests(clientKey);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                Iterator<String> lines = stream.body().iterator();
                int records = 0;
                while (records < 3 && lines.hasNext()) {
                    String line = lines.next();
                    streamed.add(line);
                    if (line.equals("event: request")) {
                        records++;
                    }
                }
            });
            stream.body().close();
        }
        NexusHarness.awaitTrue(Duration.ofSeconds(10), () ->
                json(nexus.get("/api/monitor/requests", admin()).body()).path("records").size() >= 3);
        String recordId = json(nexus.get("/api/monitor/requests", admin()).body()).at("/records/0/id").asText();

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String endpoint : SWEPT) {
            String path = endpoint.replace("{id}", accountId).replace("{record}", recordId)
                    + (endpoint.endsWith("/allowed") ? "?client_model=sweep-model" : "")
                    + (endpoint.endsWith("/usage") ? "?range=30d" : "")
                    + (endpoint.endsWith("/test") ? "?endpoint=openai_chat" : "");
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
        assertThat(String.join("\n", streamed)).contains("\"client_model\":\"sweep-model\"").doesNotContain(secrets);
        assertThat(json(nexus.get("/api/monitor/requests/" + recordId, admin()).body()).path("request_body").isTextual())
                .as("bodies were recorded, so the sweep saw them").isTrue();
    }

    /** Requests that carry keys the ways clients send them: header, x-goog-api-key, and ?key= in the address. */
    private void proxiedRequests(String clientKey) {
        String chat = "{\"model\":\"sweep-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(nexus.post("/v1/chat/completions", chat, "Authorization", "Bearer " + clientKey).statusCode()).isEqualTo(200);
        String genai = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
        assertThat(nexus.post("/genai/v1beta/models/sweep-model:generateContent?key=" + ENV_KEY, genai).statusCode()).isEqualTo(200);
        assertThat(nexus.post("/genai/v1beta/models/sweep-model:generateContent", genai, "x-goog-api-key", clientKey)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theSweepCoversEveryGetEndpointUnderApi() throws IOException {
        Set<String> registered = new TreeSet<>();
        Pattern get = Pattern.compile("\\.get\\(\"(/api[^\"]*)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = get.matcher(Files.readString(source));
                while (m.find()) {
                    registered.add(m.group(1).replaceAll("\\{[^}]+}", "{}"));
                }
            }
        }
        assertThat(registered).isNotEmpty();
        Set<String> covered = new TreeSet<>();
        Stream.concat(SWEPT.stream(), NOT_SWEPT.stream()).forEach(p -> covered.add(p.replaceAll("\\{[^}]+}", "{}")));
        assertThat(covered).as("add new GET endpoints to SWEPT").containsAll(registered);
    }
}
