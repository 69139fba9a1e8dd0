package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.ScratchPostgres;
import dev.nexus.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real server processes ({@code nexus serve} in JVMs of their own) on one PostgreSQL schema, in front of one fake
 * Cloud Code, driven alternately as a load balancer would: whatever decides a request must be the same on both.
 */
class FleetE2ETest {
    private static final String KEY = "sk-fleet-test-client-key-01";
    private static final String FLASH = "gemini-3-flash";
    @TempDir
    Path dir;
    private ScratchPostgres postgres;
    private FakeGoogle google;
    /** The CLI on the shared database, and the HTTP client the test talks to both servers with. */
    private NexusHarness cli;
    private ServerProcess a;
    private ServerProcess b;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void twoInstances() throws Exception {
        postgres = ScratchPostgres.create();
        google = FakeGoogle.start();
        cli = new NexusHarness(dir).usingGoogle(google).env("NEXUS_DB", postgres.url())
                .env("NEXUS_SECRET_KEY", "fleet-test-secret-key-shared-by-both")
                .env("NEXUS_API_KEY", KEY)
                // Round robin: without shared stickiness, the two instances would put one conversation on different accounts.
                .env("NEXUS_POOL_STRATEGY", "round-robin");
        for (String name : List.of("one", "two")) {
            google.addAccount(name + "@example.com", "proj-" + name);
            assertThat(cli.cli("accounts", "import", "--refresh-token", google.account(name + "@example.com").refreshToken(),
                    "--email", name + "@example.com", "--project", "proj-" + name).code()).isZero();
        }
        Map<String, String> env = Map.copyOf(cli.env());
        a = ServerProcess.start("a", dir, dir, env);
        b = ServerProcess.start("b", dir, dir, env);
    }

    @AfterEach
    void stop() throws Exception {
        try (ScratchPostgres schema = postgres; FakeGoogle fake = google) {
            for (ServerProcess server : new ServerProcess[] {a, b}) {
                if (server != null) {
                    server.close();
                }
            }
            http.close();
            cli.close();
        }
    }

    @Test
    void twoInstancesOnOneDatabaseActAsOneGateway() throws Exception {
        aToolLoopStartedOnAFinishesOnBWithItsSignature();
        aResponsesChainContinuesOnB();
        aCooldownLearnedOnAIsHonouredByBWithoutAnUpstreamCall();
        aConversationKeepsItsAccountOnBothInstances();
        aKeyAndARouteMadeOnAServeOnBWithinOneSecond();
        theLiveMonitorOfAShowsTheRequestsOfB();
        fiftyConcurrentRequestsOnBothWithAnExpiredTokenCauseOneRefresh();
    }

    private void aToolLoopStartedOnAFinishesOnBWithItsSignature() {
        google.script().enqueue(Reply.builder().functionCall("call-fleet-1", "get_weather", Map.of("city", "Paris"),
                "sig-fleet-1").build());
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
        HttpResponse<String> first = post(a, "/v1/chat/completions", "{\"model\":\"" + FLASH + "\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"weather in Paris?\"}]" + tools + "}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode assistant = json(first.body()).at("/choices/0/message");
        String callId = assistant.at("/tool_calls/0/id").asText();
        assertThat(callId).isNotEmpty();

        google.script().enqueue(Reply.text("It is 18C in Paris."));
        HttpResponse<String> second = post(b, "/v1/chat/completions", "{\"model\":\"" + FLASH + "\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"weather in Paris?\"}," + assistant + ","
                + "{\"role\":\"tool\",\"tool_call_id\":\"" + callId + "\",\"content\":\"{\\\"temp\\\":\\\"18C\\\"}\"}]" + tools + "}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json(second.body()).at("/choices/0/message/content").asText()).contains("18C");
        // Chat Completions has no slot for the signature: B put back the one A's upstream issued.
        JsonNode modelTurn = lastGenerate().json().at("/request/contents/1");
        JsonNode callPart = null;
        for (JsonNode part : modelTurn.path("parts")) {
            if (part.has("functionCall")) {
                callPart = part;
            }
        }
        assertThat(callPart).as(modelTurn.toString()).isNotNull();
        assertThat(callPart.path("thoughtSignature").asText()).isEqualTo("sig-fleet-1");
    }

    private void aResponsesChainContinuesOnB() {
        google.script().enqueue(Reply.text("Nice to meet you, Ada."));
        HttpResponse<String> first = post(a, "/v1/responses", "{\"model\":\"" + FLASH + "\",\"input\":\"My name is Ada.\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String id = json(first.body()).path("id").asText();

        google.script().enqueue(Reply.text("Your name is Ada."));
        HttpResponse<String> second = post(b, "/v1/responses", "{\"model\":\"" + FLASH + "\",\"previous_response_id\":\"" + id
                + "\",\"input\":\"What is my name?\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(lastGenerate().json().at("/request/contents").toString()).contains("My name is Ada.")
                .contains("Nice to meet you, Ada.").contains("What is my name?");
    }

    private void aCooldownLearnedOnAIsHonouredByBWithoutAnUpstreamCall() {
        String model = "claude-sonnet-4-5";
        google.script().enqueue("one@example.com", model, Reply.rateLimited(Duration.ofSeconds(300)));
        google.script().enqueue("two@example.com", model, Reply.rateLimited(Duration.ofSeconds(200)));
        HttpResponse<String> onA = post(a, "/v1/chat/completions", chat(model, "hello"));
        assertThat(onA.statusCode()).as(onA.body()).isEqualTo(429);

        // B hears of both rests (pushed by PostgreSQL), then answers from them alone.
        NexusHarness.awaitTrue(Duration.ofSeconds(2),
                () -> json(get(b, "/api/accounts/cooldowns").body()).path("cooldowns").size() == 2);
        int calls = generateCalls();
        HttpResponse<String> onB = post(b, "/v1/chat/completions", chat(model, "hello from elsewhere"));
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(429);
        assertThat(Long.parseLong(onB.headers().firstValue("Retry-After").orElseThrow())).isBetween(150L, 200L);
        assertThat(generateCalls()).as("B sent nothing upstream").isEqualTo(calls);
    }

    private void aConversationKeepsItsAccountOnBothInstances() {
        List<String> projects = new ArrayList<>();
        for (ServerProcess server : List.of(a, b, b, a, b)) {
            HttpResponse<String> res = post(server, "/v1/chat/completions", chat(FLASH, "a conversation that sticks"));
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            projects.add(lastGenerate().json().path("project").asText());
        }
        assertThat(projects).as("round robin alone would alternate").containsOnly(projects.get(0));
    }

    private void aKeyAndARouteMadeOnAServeOnBWithinOneSecond() {
        HttpResponse<String> created = post(a, "/api/keys", "{\"name\":\"made-on-a\"}");
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String key = json(created.body()).path("key").asText();
        HttpResponse<String> route = post(a, "/api/model-routes", "{\"client_model\":\"fleet-alias\",\"target_provider\":\"google\","
                + "\"target_model\":\"" + FLASH + "\"}");
        assertThat(route.statusCode()).as(route.body()).isIn(200, 201);

        Duration took = NexusHarness.awaitTrue(Duration.ofSeconds(1), () -> cli.send(HttpRequest.newBuilder(uri(b, "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("fleet-alias", "new key, new route")))).statusCode() == 200);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(lastGenerate().json().path("model").asText()).isEqualTo(FLASH);
    }

    private void theLiveMonitorOfAShowsTheRequestsOfB() throws IOException {
        try (RequestMonitorE2ETest.LiveStream stream = RequestMonitorE2ETest.LiveStream.open(http, a.baseUrl() + "/api/monitor/stream")) {
            NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> stream.has("event: stats"));
            HttpResponse<String> onB = post(b, "/v1/chat/completions", chat(FLASH, "watched"), "X-Request-ID", "fleet-monitor-request");
            assertThat(onB.statusCode()).isEqualTo(200);
            // Records of B's earlier requests may come first; the stream's text holds every event.
            NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> stream.text().contains("\"request_id\":\"fleet-monitor-request\""));
        }
    }

    private void fiftyConcurrentRequestsOnBothWithAnExpiredTokenCauseOneRefresh() throws Exception {
        google.addAccount("three@example.com", "proj-three");
        assertThat(cli.cli("accounts", "import", "--refresh-token", google.account("three@example.com").refreshToken(),
                "--email", "three@example.com", "--project", "proj-three").code()).isZero();
        NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> json(get(b, "/api/accounts").body()).path("accounts").size() == 3);
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> post(a, "/v1/chat/completions", chat(FLASH, "warm up"),
                "X-Nexus-Account", "three@example.com").statusCode() == 200);
        // Every token issued so far is refused from now on, and a refresh token is good for one refresh only (as
        // ChatGPT's are): a second refresh by the other instance would revoke the account.
        google.expireAccessTokens("three@example.com");
        google.rotateRefreshTokens(true);
        int refreshesBefore = google.requests("/token").size();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ServerProcess server = i % 2 == 0 ? a : b;
                String text = "burst " + i;
                answers.add(pool.submit(() -> post(server, "/v1/chat/completions", chat(FLASH, text),
                        "X-Nexus-Account", "three@example.com")));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
            }
        }
        List<RecordedRequest> refreshes = google.requests("/token");
        assertThat(refreshes.subList(refreshesBefore, refreshes.size())).as("token requests during the burst").hasSize(1);
    }

    // --- HTTP ----------------------------------------------------------------------------------------

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private int generateCalls() {
        return (int) google.requests().stream().filter(r -> r.path().endsWith("enerateContent")).count();
    }

    private RecordedRequest lastGenerate() {
        List<RecordedRequest> calls = google.requests().stream().filter(r -> r.path().endsWith("enerateContent")).toList();
        return calls.get(calls.size() - 1);
    }

    private static URI uri(ServerProcess server, String path) {
        return URI.create(server.baseUrl() + path);
    }

    private HttpResponse<String> get(ServerProcess server, String path) {
        return cli.send(HttpRequest.newBuilder(uri(server, path)).GET());
    }

    private HttpResponse<String> post(ServerProcess server, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return cli.send(request);
    }
}
