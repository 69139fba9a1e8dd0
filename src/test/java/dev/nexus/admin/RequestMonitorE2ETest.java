package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request monitor through the real server: what clients send shows up in the history, the live stream and usage. */
class RequestMonitorE2ETest {
    private static final String KEY = "sk-monitor-e2e-client-key-0001";
    private static final String GEMINI_KEY_ONE = "AIzaSyServerKeyOne-aaaaaaaaaaaa111111";
    private static final String GEMINI_KEY_TWO = "AIzaSyServerKeyTwo-bbbbbbbbbbbb222222";
    private static final Duration SOON = Duration.ofSeconds(2);
    @TempDir
    Path dir;
    private FakeGoogle google;
    private FakeGeminiApi gemini;
    private NexusHarness nexus;
    private final List<String> ids = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        gemini = FakeGeminiApi.start().acceptKey(GEMINI_KEY_ONE).acceptKey(GEMINI_KEY_TWO);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google)
                .env("NEXUS_GEMINI_API_KEYS", GEMINI_KEY_ONE + "," + GEMINI_KEY_TWO)
                .env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl());
        for (String name : List.of("alice", "bob")) {
            google.addAccount(name + "@example.com", "proj-" + name);
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account(name + "@example.com").refreshToken(),
                    "--email", name + "@example.com", "--project", "proj-" + name).code()).isZero();
        }
        nexus.cli("accounts", "list", "--json").json().forEach(a -> ids.add(a.path("id").asText()));
        nexus.start();
    }

    @AfterEach
    void stop() {
        http.close();
        nexus.close();
        gemini.close();
        google.close();
    }

    private HttpResponse<String> chat(String model, String content, String... extra) {
        return nexus.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + content + "\"}]" + String.join("", extra) + "}", "Authorization", "Bearer " + KEY);
    }

    /** The newest record once the history has {@code count} of them (records are written off the request path). */
    private JsonNode awaitRecords(int count, String query) {
        return awaitRecords(count, query, SOON);
    }

    private JsonNode awaitRecords(int count, String query, Duration deadline) {
        AtomicReference<JsonNode> page = new AtomicReference<>();
        NexusHarness.awaitTrue(deadline, () -> {
            page.set(json(nexus.get("/api/monitor/requests" + query).body()));
            return page.get().path("records").size() >= count;
        });
        return page.get();
    }

    private JsonNode newest() {
        return awaitRecords(1, "").at("/records/0");
    }

    private JsonNode detail(String id) {
        HttpResponse<String> res = nexus.get("/api/monitor/requests/" + id);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return json(res.body());
    }

    @Test
    void aChatRequestIsRecordedWithItsModelsAccountKeyTokensAndRoute() {
        google.script().enqueue(Reply.builder().text("Hello ", "from the fake").usage(12, 5, 0, 0).build());
        HttpResponse<String> res = chat("gpt-4o", "hi");
        assertThat(res.statusCode()).isEqualTo(200);

        JsonNode record = newest();
        assertThat(record.path("id").asText()).startsWith("rl_");
        assertThat(record.path("request_id").asText()).isEqualTo(res.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(record.path("method").asText()).isEqualTo("POST");
        assertThat(record.path("path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(record.path("surface").asText()).isEqualTo("openai.chat");
        assertThat(record.path("status").asInt()).isEqualTo(200);
        assertThat(record.path("client_model").asText()).isEqualTo("gpt-4o");
        assertThat(record.path("provider").asText()).isEqualTo("google");
        assertThat(record.path("target_model").asText()).isEqualTo("gemini-3-flash");
        assertThat(record.path("account").asText()).isEqualTo("a***e@e***.com");
        assertThat(record.path("account_id").asText()).isEqualTo(ids.get(0));
        assertThat(record.path("key").asText()).isEqualTo("NEXUS_API_KEY");
        assertThat(record.path("key_id").asText()).isEqualTo("env");
        assertThat(record.path("input_tokens").asLong()).isEqualTo(12);
        assertThat(record.path("output_tokens").asLong()).isEqualTo(5);
        assertThat(record.path("attempts").asText()).isEqualTo(res.headers().firstValue("X-Nexus-Route").orElseThrow())
                .startsWith("resolved gpt-4o -> gemini-3-flash (route); google/gemini-3-flash@" + ids.get(0).substring(0, 8));
        assertThat(record.path("error").isNull()).isTrue();
        assertThat(record.path("ttfb_ms").isNumber()).isTrue();
        assertThat(record.path("duration_ms").asLong()).isGreaterThanOrEqualTo(record.path("ttfb_ms").asLong());
        assertThat(Duration.between(java.time.Instant.parse(record.path("started_at").asText()), java.time.Instant.now()))
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aStreamedAnswerRecordsItsUsageAndTimeToFirstByte() {
        google.script().enqueue(Reply.builder().text("Hel", "lo").usage(9, 3, 0, 0).build());
        HttpResponse<String> res = chat("gemini-3-flash", "hi", ",\"stream\":true");
        assertThat(res.body()).contains("data: [DONE]");
        JsonNode record = newest();
        assertThat(record.path("status").asInt()).isEqualTo(200);
        assertThat(record.path("input_tokens").asLong()).isEqualTo(9);
        assertThat(record.path("output_tokens").asLong()).isEqualTo(3);
        assertThat(record.path("ttfb_ms").isNumber()).isTrue();
    }

    @Test
    void anAnswerCutByTheUpstreamIsAFailureThoughItStartedWith200() {
        google.script().enqueue(Reply.builder().text("one ", "two ", "three").disconnectAfter(1).build());
        chat("gemini-3-flash", "count", ",\"stream\":true");
        JsonNode record = awaitRecords(1, "?status=error").at("/records/0");
        assertThat(record.path("status").asInt()).isEqualTo(200);
        assertThat(record.path("error").asText()).isNotEmpty();
    }

    @Test
    void aClientThatHangsUpMidStreamIsRecordedAsDisconnected() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        google.script().enqueue(Reply.builder().text("first ", "second ", "third").holdAfter(1, release).build());
        String body = "{\"model\":\"gemini-3-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
        java.net.URI base = java.net.URI.create(nexus.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nAuthorization: Bearer " + KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = reader.readLine();
            } while (line != null && !line.startsWith("data: "));
            assertThat(line).as("the first event arrived").startsWith("data: ");
            // Hang up hard (a reset, as a killed client does): the next write of the answer fails at once, whatever the
            // machine's load; a polite close can leave the rest of a short answer written into the socket's buffers.
            socket.setSoLinger(true, 0);
        }
        release.countDown();
        JsonNode record = awaitRecords(1, "?status=error", Duration.ofSeconds(15)).at("/records/0");
        assertThat(record.path("status").asInt()).isEqualTo(200);
        // Helidon reports the failed write as a closed connection (or, on another timing, SseOutput as a departed client).
        assertThat(record.path("error").asText()).matches("the connection closed mid-answer: .*|the client disconnected");
        assertThat(record.path("ttfb_ms").isNumber()).isTrue();
    }

    @Test
    void eachFinishedRequestAppearsOnTheLiveStreamWithinTwoSeconds() throws Exception {
        try (LiveStream stream = LiveStream.open(http, nexus.baseUrl() + "/api/monitor/stream")) {
            NexusHarness.awaitTrue(SOON, () -> stream.has("event: stats"));
            assertThat(json(stream.dataOf("stats"))).isEqualTo(json("{\"dropped\":0,\"queued\":0,\"log_bodies\":false}"));

            HttpResponse<String> res = chat("gemini-3-flash", "hello stream");
            Duration took = NexusHarness.awaitTrue(SOON, () -> stream.has("event: request"));
            assertThat(took).isLessThan(SOON);
            JsonNode seen = json(stream.dataOf("request"));
            assertThat(seen.path("request_id").asText()).isEqualTo(res.headers().firstValue("X-Request-ID").orElseThrow());
            assertThat(seen.path("target_model").asText()).isEqualTo("gemini-3-flash");
            assertThat(seen.has("request_body")).isFalse();
        }
    }

    @Test
    void aRateLimitFailoverShowsEveryAttempt() {
        google.script().enqueue("alice@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(30)));
        HttpResponse<String> res = chat("gemini-3-flash", "hello");
        assertThat(res.statusCode()).isEqualTo(200);

        JsonNode record = newest();
        assertThat(record.path("attempts").asText()).isEqualTo("resolved gemini-3-flash -> gemini-3-flash (catalog); google/gemini-3-flash@"
                + ids.get(1).substring(0, 8)
                + "; tried google/gemini-3-flash@" + ids.get(0).substring(0, 8) + ":429");
        assertThat(record.path("account").asText()).isEqualTo("b***b@e***.com");
        assertThat(record.path("account_id").asText()).isEqualTo(ids.get(1));
    }

    @Test
    void whenEveryAccountIsLimitedTheRecordKeepsTheErrorAndTheAttempts() {
        google.script().enqueue("alice@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(30)));
        google.script().enqueue("bob@example.com", "gemini-3-flash", Reply.rateLimited(Duration.ofSeconds(40)));
        assertThat(chat("gemini-3-flash", "hello").statusCode()).isEqualTo(429);

        JsonNode record = awaitRecords(1, "?status=4xx").at("/records/0");
        assertThat(record.path("status").asInt()).isEqualTo(429);
        assertThat(record.path("error").asText()).contains("every account is rate limited");
        assertThat(record.path("attempts").asText()).contains(":429").contains(ids.get(0).substring(0, 8))
                .contains(ids.get(1).substring(0, 8));
        assertThat(json(nexus.get("/api/monitor/requests?status=error").body()).path("records")).hasSize(1);
        assertThat(json(nexus.get("/api/monitor/requests?status=2xx").body()).path("records")).isEmpty();
    }

    @Test
    void withBodyLoggingOffNoBodyIsKept() {
        assertThat(json(nexus.get("/api/monitor/settings").body()).path("log_bodies").asBoolean()).isFalse();
        chat("gemini-3-flash", "a private question");
        JsonNode detail = detail(newest().path("id").asText());
        assertThat(detail.has("request_body")).isTrue();
        assertThat(detail.path("request_body").isNull()).isTrue();
        assertThat(detail.path("response_body").isNull()).isTrue();
    }

    @Test
    void withBodyLoggingOnBodiesAreKeptWithSecretsRedactedAndTheChoiceSurvivesARestart() throws IOException {
        HttpResponse<String> put = nexus.put("/api/monitor/settings", "{\"log_bodies\":true}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put.body()).path("log_bodies").asBoolean()).isTrue();
        String secret = "AIzaSyClientPastedKey-0123456789abcdef";
        String token = "ya29.a0AfB_client-pasted-access-token";
        try (LiveStream stream = LiveStream.open(http, nexus.baseUrl() + "/api/monitor/stream")) {
            google.script().enqueue(Reply.text("Hello ", "there"));
            chat("gemini-3-flash", "my key is " + secret + " and " + token, ",\"api_key\":\"" + secret + "\"");
            JsonNode detail = detail(newest().path("id").asText());
            assertThat(detail.path("request_body").asText()).contains("my key is AIza…[redacted] and ya29.…[redacted]")
                    .contains("\"api_key\":\"[redacted]\"").doesNotContain(secret, token);
            assertThat(detail.path("response_body").asText()).contains("Hello there");
            NexusHarness.awaitTrue(SOON, () -> stream.has("event: request"));
            assertThat(stream.text()).doesNotContain(secret, token, KEY);
        }
        String list = nexus.get("/api/monitor/requests?q=key").body();
        assertThat(list).doesNotContain(secret, token, KEY);

        nexus.stop();
        nexus.start();
        assertThat(json(nexus.get("/api/monitor/settings").body()))
                .isEqualTo(json("{\"log_bodies\":true,\"retention_days\":7,\"max_rows\":100000}"));
    }

    @Test
    void aRequestWithAWrongKeyIsRecordedAs401WithoutTheKey() {
        String wrong = "sk-wrong-key-presented-by-client-99";
        HttpResponse<String> res = nexus.post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"messages\":[]}",
                "Authorization", "Bearer " + wrong);
        assertThat(res.statusCode()).isEqualTo(401);
        JsonNode record = newest();
        assertThat(record.path("status").asInt()).isEqualTo(401);
        assertThat(record.path("key").isNull()).isTrue();
        assertThat(record.path("client_model").isNull()).isTrue();
        assertThat(record.path("error").asText()).startsWith("invalid API key");
        assertThat(nexus.get("/api/monitor/requests").body()).doesNotContain(wrong);
        assertThat(nexus.get("/api/monitor/requests/" + record.path("id").asText()).body()).doesNotContain(wrong);
    }

    @Test
    void adminHealthAndUnwatchedPathsAreNotRecorded() {
        nexus.get("/healthz");
        nexus.get("/api/accounts");
        nexus.get("/api/monitor/requests");
        chat("gemini-3-flash", "only me");
        nexus.get("/v1/no-such-thing?key=" + KEY);
        JsonNode page = awaitRecords(2, "");
        assertThat(page.path("records")).hasSize(2);
        assertThat(page.at("/records/1/path").asText()).isEqualTo("/v1/chat/completions");
        JsonNode unknown = page.at("/records/0");
        assertThat(unknown.path("path").asText()).isEqualTo("/v1/no-such-thing");
        assertThat(unknown.path("status").asInt()).isEqualTo(404);
        assertThat(unknown.path("surface").asText()).isEqualTo("other");
        assertThat(unknown.path("error").asText()).startsWith("no endpoint GET /v1/no-such-thing");
    }

    @Test
    void theGeminiKeyProxyRecordsTheKeysTriedAndTheAnswersTokens() {
        gemini.rateLimit(GEMINI_KEY_ONE, Duration.ofSeconds(30));
        gemini.script().enqueue(Reply.builder().text("Hi").usage(21, 4, 2, 0).build());
        HttpResponse<String> res = nexus.post("/v1beta/models/gemini-2.5-flash:generateContent?key=" + KEY,
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);

        JsonNode record = newest();
        assertThat(record.path("surface").asText()).isEqualTo("gemini-proxy");
        assertThat(record.path("path").asText()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(record.path("provider").asText()).isEqualTo("gemini");
        assertThat(record.path("client_model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(record.path("account").asText()).isEqualTo("key 2 (***…222222)");
        assertThat(record.path("attempts").asText()).isEqualTo("gemini/gemini-2.5-flash@key2; tried gemini/gemini-2.5-flash@key1:429");
        assertThat(record.path("input_tokens").asLong()).isEqualTo(21);
        assertThat(record.path("output_tokens").asLong()).isEqualTo(6);
        assertThat(nexus.get("/api/monitor/requests").body()).doesNotContain(GEMINI_KEY_ONE, GEMINI_KEY_TWO, KEY);
    }

    @Test
    void theGenAiSurfaceRecordsTokensFromUsageMetadata() {
        google.script().enqueue(Reply.builder().text("Hi").usage(7, 2, 0, 0).build());
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/gemini-3-flash:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}]}", "x-goog-api-key", KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode record = newest();
        assertThat(record.path("surface").asText()).isEqualTo("genai");
        assertThat(record.path("client_model").asText()).isEqualTo("gemini-3-flash");
        assertThat(record.path("input_tokens").asLong()).isEqualTo(7);
        assertThat(record.path("output_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void theHistoryPagesSearchesAndExplainsBadParameters() {
        for (int i = 0; i < 3; i++) {
            chat("gemini-3-flash", "n" + i);
        }
        chat("claude-sonnet-4-5", "other");
        awaitRecords(4, "");
        JsonNode first = json(nexus.get("/api/monitor/requests?limit=3").body());
        assertThat(first.path("records")).hasSize(3);
        assertThat(first.path("dropped").asLong()).isZero();
        JsonNode second = json(nexus.get("/api/monitor/requests?limit=3&before=" + first.path("next_cursor").asText()).body());
        assertThat(second.path("records")).hasSize(1);
        assertThat(second.path("next_cursor").isNull()).isTrue();
        assertThat(json(nexus.get("/api/monitor/requests?q=CLAUDE").body()).path("records")).hasSize(1);
        assertThat(json(nexus.get("/api/monitor/requests?model=gemini-3-flash&surface=openai.chat&key=NEXUS_API_KEY"
                + "&account=a***e@e***.com".replace("*", "%2A").replace("@", "%40")).body()).path("records")).hasSize(3);

        HttpResponse<String> bad = nexus.get("/api/monitor/requests?status=3xx");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).at("/error/message").asText()).isEqualTo("invalid status '3xx': use 2xx, 4xx, 5xx or error");
        assertThat(nexus.get("/api/monitor/requests?before=yesterday").statusCode()).isEqualTo(400);
        assertThat(nexus.get("/api/monitor/requests?limit=0").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = nexus.get("/api/monitor/requests/rl_nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing.body()).at("/error/message").asText()).startsWith("no request record with id 'rl_nope'");
    }

    @Test
    void usageCountsTheLastDayPerHourAndPerAccountModelAndKey() {
        google.script().enqueue(Reply.builder().text("a").usage(10, 1, 0, 0).build());
        chat("gemini-3-flash", "one");
        google.script().enqueue(Reply.builder().text("b").usage(20, 2, 0, 0).build());
        chat("gemini-3-flash", "two");
        awaitRecords(2, "");

        JsonNode day = json(nexus.get("/api/usage?range=24h").body());
        assertThat(day.path("range").asText()).isEqualTo("24h");
        assertThat(day.path("bucket").asText()).isEqualTo("hour");
        assertThat(day.path("buckets")).hasSize(24);
        JsonNode now = day.path("buckets").get(23);
        assertThat(now.path("requests").asLong()).isEqualTo(2);
        assertThat(now.path("input_tokens").asLong()).isEqualTo(30);
        assertThat(now.path("output_tokens").asLong()).isEqualTo(3);
        assertThat(day.path("buckets").get(0).path("requests").asLong()).isZero();
        assertThat(day.path("by_account").get(0).path("name").asText()).isEqualTo("a***e@e***.com");
        assertThat(day.path("by_model").get(0).path("name").asText()).isEqualTo("gemini-3-flash");
        assertThat(day.path("by_key").get(0).path("name").asText()).isEqualTo("NEXUS_API_KEY");
        assertThat(day.path("by_key").get(0).path("requests").asLong()).isEqualTo(2);

        JsonNode month = json(nexus.get("/api/usage?range=30d").body());
        assertThat(month.path("bucket").asText()).isEqualTo("day");
        assertThat(month.path("buckets")).hasSize(30);
        assertThat(month.path("buckets").get(29).path("requests").asLong()).isEqualTo(2);
        assertThat(nexus.get("/api/usage?range=1y").statusCode()).isEqualTo(400);
    }

    /** An SSE connection read on its own thread; closing it hangs up. */
    static final class LiveStream implements AutoCloseable {
        private final InputStream body;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private LiveStream(InputStream body) {
            this.body = body;
            this.reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // hung up
                }
            });
        }

        static LiveStream open(HttpClient http, String url) {
            try {
                HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(res.statusCode()).isEqualTo(200);
                assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
                return new LiveStream(res.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        boolean has(String line) {
            return lines.contains(line);
        }

        /** The data line after the first {@code event: <name>}. */
        String dataOf(String event) {
            int at = lines.indexOf("event: " + event);
            return lines.get(at + 1).substring("data: ".length());
        }

        String text() {
            return String.join("\n", lines);
        }

        /** False once the server ended the stream (or it was closed). */
        boolean reading() {
            return reader.isAlive();
        }

        @Override
        public void close() throws IOException {
            body.close();
            try {
                reader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
