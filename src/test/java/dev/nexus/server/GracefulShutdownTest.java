package dev.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server (what SIGTERM does) lets a stream in flight finish and refuses new connections; what is still open
 * at the grace deadline ends with an error its client understands, and every request's record reaches the database.
 */
class GracefulShutdownTest {
    private static final String KEY = "sk-shutdown-test-1";
    private static final String GEMINI_KEY = "AIza-shutdown-server-key-1";
    private static final String HI_GEMINI = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]}]}";

    @TempDir
    Path dir;

    @Test
    void aStreamInFlightFinishesWhileTheServerStops() throws Exception {
        try (FakeGoogle google = FakeGoogle.start();
                NexusHarness nexus = new NexusHarness(dir).env("NEXUS_API_KEY", "sk-shutdown-test-1")
                        .usingGoogle(google)) {
            google.addAccount("a@example.com", "proj-a");
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("a@example.com").refreshToken(),
                    "--email", "a@example.com", "--project", "proj-a").code()).isZero();
            nexus.start();
            int port = Integer.parseInt(nexus.baseUrl().substring(nexus.baseUrl().lastIndexOf(':') + 1));
            CountDownLatch release = new CountDownLatch(1);
            google.script().enqueue(Reply.builder().text("first ", "second ", "third").holdAfter(1, release).build());

            HttpRequest.Builder request = nexus.request("/v1/chat/completions")
                    .header("Authorization", "Bearer sk-shutdown-test-1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gemini-3-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
            CompletableFuture<String> body = CompletableFuture.supplyAsync(() -> nexus.send(request).body());
            NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> google.openStreams() == 1);

            Thread stopper = Thread.ofVirtual().start(nexus::stop);
            NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> refuses(port));
            release.countDown();

            String sse = body.get(20, TimeUnit.SECONDS);
            String text = sse.lines().filter(l -> l.startsWith("data: {")).map(l -> NexusHarness.json(l.substring(6)))
                    .map(chunk -> chunk.at("/choices/0/delta/content").asText(""))
                    .collect(Collectors.joining());
            assertThat(text).isEqualTo("first second third");
            assertThat(sse).contains("data: [DONE]");
            assertThat(stopper.join(Duration.ofSeconds(15))).as("stop returns once the stream is done").isTrue();
        }
    }

    private static boolean refuses(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void streamsStillOpenAtTheGraceDeadlineEndWithAnErrorInTheirDialectAndEveryRecordIsWritten() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FakeGoogle google = FakeGoogle.start();
                FakeGeminiApi gemini = FakeGeminiApi.start().acceptKey(GEMINI_KEY);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                NexusHarness nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).env("NEXUS_SHUTDOWN_GRACE", "1s")
                        .env("NEXUS_GEMINI_API_KEYS", GEMINI_KEY).env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl())
                        .usingGoogle(google)) {
            addAccount(google, nexus);
            nexus.start();
            for (int i = 0; i < 4; i++) {
                google.script().enqueue(Reply.builder().text("first ", "second").holdAfter(1, never).build());
            }
            for (int i = 0; i < 2; i++) {
                gemini.script().enqueue(Reply.builder().text("first ", "second").holdAfter(1, never).build());
            }
            Map<String, CompletableFuture<HttpResponse<String>>> answers = new LinkedHashMap<>();
            answers.put("openai", send(http, nexus.request("/v1/chat/completions").header("Authorization", "Bearer " + KEY),
                    "{\"model\":\"gemini-3-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
            answers.put("anthropic", send(http, nexus.request("/v1/messages").header("x-api-key", KEY)
                    .header("anthropic-version", "2023-06-01"), "{\"model\":\"gemini-3-flash\",\"max_tokens\":100,"
                    + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));
            answers.put("genai-sse", send(http, nexus.request("/genai/v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse")
                    .header("x-goog-api-key", KEY), HI_GEMINI));
            answers.put("genai-array", send(http, nexus.request("/genai/v1beta/models/gemini-3-flash:streamGenerateContent")
                    .header("x-goog-api-key", KEY), HI_GEMINI));
            NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> google.openStreams() == 4);
            answers.put("proxy-sse", send(http, nexus.request("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
                    .header("x-goog-api-key", KEY), HI_GEMINI));
            answers.put("proxy-array", send(http, nexus.request("/v1beta/models/gemini-2.5-flash:streamGenerateContent")
                    .header("x-goog-api-key", KEY), HI_GEMINI));
            NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> gemini.openStreams() == 2);

            long started = System.nanoTime();
            nexus.stop();
            Duration stopping = Duration.ofNanos(System.nanoTime() - started);

            Map<String, String> bodies = new LinkedHashMap<>();
            for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> answer : answers.entrySet()) {
                HttpResponse<String> response = answer.getValue().get(10, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(answer.getKey()).isEqualTo(200);
                bodies.put(answer.getKey(), response.body());
            }
            assertThat(stopping).as("cut at the 1 s grace, not at the server's own deadline").isLessThan(Duration.ofSeconds(5));

            assertThat(bodies.get("openai")).contains("\"content\":\"first \"").endsWith("data: [DONE]\n\n");
            JsonNode openAiError = lastData(bodies.get("openai"), 0);
            assertThat(openAiError.at("/error/message").asText()).contains("shutting down").contains("NEXUS_SHUTDOWN_GRACE");

            assertThat(bodies.get("anthropic")).contains("event: error");
            JsonNode anthropicError = lastData(bodies.get("anthropic"), 0);
            assertThat(anthropicError.at("/error/type").asText()).isEqualTo("overloaded_error");
            assertThat(anthropicError.at("/error/message").asText()).contains("shutting down");

            for (String sse : List.of("genai-sse", "proxy-sse")) {
                assertThat(bodies.get(sse)).as(sse).contains("first ");
                JsonNode error = lastData(bodies.get(sse), 0);
                assertThat(error.at("/error/code").asInt()).as(sse).isEqualTo(503);
                assertThat(error.at("/error/message").asText()).as(sse).contains("shutting down");
            }
            for (String array : List.of("genai-array", "proxy-array")) {
                JsonNode elements = NexusHarness.json(bodies.get(array));
                assertThat(elements.isArray()).as(array).isTrue();
                assertThat(elements.get(0).at("/candidates/0/content/parts/0/text").asText()).as(array).isEqualTo("first ");
                JsonNode error = elements.get(elements.size() - 1);
                assertThat(error.at("/error/code").asInt()).as(array).isEqualTo(503);
                assertThat(error.at("/error/message").asText()).as(array).contains("shutting down");
            }

            // Every request has its record, written before the database closed.
            nexus.start();
            JsonNode records = NexusHarness.json(nexus.get("/api/monitor/requests").body()).path("records");
            assertThat(records).hasSize(6);
            assertThat(records).allSatisfy(r -> {
                assertThat(r.path("status").asInt()).isEqualTo(200);
                assertThat(r.path("error").asText()).contains("shutting down");
            });
        } finally {
            never.countDown();
        }
    }

    @Test
    void aRequestStillWaitingForItsUpstreamAtTheDeadlineIsAnswered503() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FakeGoogle google = FakeGoogle.start();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                NexusHarness nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).env("NEXUS_SHUTDOWN_GRACE", "1s")
                        .usingGoogle(google)) {
            addAccount(google, nexus);
            nexus.start();
            google.script().enqueue(Reply.builder().text("late").holdAfter(0, never).build());
            CompletableFuture<HttpResponse<String>> answer = send(http, nexus.request("/v1/chat/completions")
                    .header("Authorization", "Bearer " + KEY),
                    "{\"model\":\"gemini-3-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}");
            NexusHarness.awaitTrue(Duration.ofSeconds(10), () -> google.openStreams() == 1);

            nexus.stop();

            HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(NexusHarness.json(response.body()).at("/error/message").asText()).contains("shutting down");
            assertThat(google.requests(":generateContent")).as("not retried on another attempt").hasSize(1);
            nexus.start();
            JsonNode records = NexusHarness.json(nexus.get("/api/monitor/requests").body()).path("records");
            assertThat(records).singleElement().satisfies(r -> assertThat(r.path("status").asInt()).isEqualTo(503));
        } finally {
            never.countDown();
        }
    }

    private static void addAccount(FakeGoogle google, NexusHarness nexus) {
        google.addAccount("a@example.com", "proj-a");
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("a@example.com").refreshToken(),
                "--email", "a@example.com", "--project", "proj-a").code()).isZero();
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpClient http, HttpRequest.Builder request, String body) {
        return http.sendAsync(request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of the {@code back}-th last {@code data:} line (0: the last). */
    private static JsonNode lastData(String sse, int back) {
        List<String> data = new ArrayList<>(sse.lines().filter(l -> l.startsWith("data: {")).toList());
        return NexusHarness.json(data.get(data.size() - 1 - back).substring(6));
    }
}
