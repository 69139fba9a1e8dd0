package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListModelsConfig;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gemini API key proxy through the real server, against the fake Gemini API; the official GenAI SDK as a client. */
class GeminiKeyProxyE2ETest {
    private static final String CLIENT_KEY = "sk-nexus-gemini-e2e-client-0001";
    private static final String KEY_ONE = "AIza-server-key-one-111111";
    private static final String KEY_TWO = "AIza-server-key-two-222222";
    private static final String MODEL = "gemini-2.5-flash";
    private static final String HI = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}]}";

    @TempDir
    Path dir;
    private FakeGeminiApi gemini;
    private NexusHarness nexus;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        gemini = FakeGeminiApi.start().acceptKey(KEY_ONE).acceptKey(KEY_TWO);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_GEMINI_API_KEYS", "\"" + KEY_ONE + ", " + KEY_TWO + "\"")
                .env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl())
                .start();
    }

    @AfterEach
    void stop() {
        http.close();
        nexus.close();
        assertThat(gemini.awaitNoOpenStreams(Duration.ofSeconds(5))).as("no upstream stream left open").isTrue();
        gemini.close();
    }

    private HttpResponse<String> generate(String model, String body) {
        return nexus.post("/v1beta/models/" + model + ":generateContent", body, "x-goog-api-key", CLIENT_KEY);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return NexusHarness.json(response.body());
    }

    /** The client's Nexus key appears nowhere in what the upstream received. */
    private static void assertClientKeyNeverArrived(RecordedRequest request) {
        assertThat(request.query() == null ? "" : request.query()).doesNotContain(CLIENT_KEY).doesNotContain("key=");
        request.headers().forEach((name, values) -> assertThat(values).as(name).allSatisfy(v -> assertThat(v).doesNotContain(CLIENT_KEY)));
        assertThat(request.body()).doesNotContain(CLIENT_KEY);
    }

    @Test
    void theServerKeyReachesGoogleAndTheClientsHeaderKeyNeverDoes() {
        gemini.script().enqueue(Reply.text("Hi", " there"));

        HttpResponse<String> response = generate(MODEL, HI);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hi there");
        assertThat(json(response).get("modelVersion").asText()).isEqualTo(MODEL);
        assertThat(response.headers().allValues("content-type")).containsExactly("application/json; charset=UTF-8");
        RecordedRequest sent = gemini.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY_ONE);
        assertThat(sent.body()).isEqualTo(HI);
        assertClientKeyNeverArrived(sent);
    }

    @Test
    void aClientKeysPolicyHoldsOnTheKeyProxyToo() {
        NexusHarness.CliResult created = nexus.cli("keys", "create", "--name", "proxy-user", "--models", "gemini-2.5-*",
                "--rpm", "1", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        String key = created.json().path("key").asText();
        NexusHarness.awaitTrue(Duration.ofSeconds(5),
                () -> !nexus.get("/v1/models", "Authorization", "Bearer " + key).body().contains("unknown or was revoked"));

        HttpResponse<String> other = nexus.post("/v1beta/models/gemini-2.0-flash:generateContent", HI, "x-goog-api-key", key);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(json(other).at("/error/message").asText()).contains("'gemini-2.0-flash'").contains("'proxy-user'");
        assertThat(json(other).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(nexus.post("/v1beta/models/" + MODEL + ":generateContent", HI, "x-goog-api-key", key).statusCode()).isEqualTo(200);
        HttpResponse<String> second = nexus.post("/v1beta/models/" + MODEL + ":generateContent", HI, "x-goog-api-key", key);

        assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
        assertThat(json(second).at("/error/message").asText()).contains("requests per minute");
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(gemini.requests()).as("only the allowed request reached Google").hasSize(1);
    }

    @Test
    void aClientKeyInTheQueryIsTakenOutAndTheRestOfTheQueryKept() {
        HttpResponse<String> response = nexus.post("/v1beta/models/" + MODEL + ":streamGenerateContent?key=" + CLIENT_KEY + "&alt=sse", HI);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
        assertThat(response.body()).startsWith("data: {").contains("Hello from fake");
        RecordedRequest sent = gemini.requests().get(0);
        assertThat(sent.query()).isEqualTo("alt=sse");
        assertThat(sent.header("x-goog-api-key")).isEqualTo(KEY_ONE);
        assertClientKeyNeverArrived(sent);
    }

    @Test
    void aRateLimitedKeyHandsOverToTheNextWhichThenServesEveryRequestWhileTheFirstRests() {
        gemini.rateLimit(KEY_ONE, Duration.ofSeconds(7));

        HttpResponse<String> first = generate(MODEL, HI);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(gemini.requests()).extracting(r -> r.header("x-goog-api-key")).containsExactly(KEY_ONE, KEY_TWO);

        gemini.liftRateLimit(KEY_ONE);
        assertThat(generate(MODEL, HI).statusCode()).isEqualTo(200);
        assertThat(generate("gemini-2.5-pro", HI).statusCode()).isEqualTo(200);
        assertThat(gemini.requestsWithKey(KEY_ONE)).as("the resting key is not asked again").hasSize(1);
        assertThat(gemini.requestsWithKey(KEY_TWO)).as("the key that answered stays first for every model").hasSize(3);
    }

    @Test
    void whenEveryKeyIsLimitedTheClientGets429WithRetryAfterInGooglesEnvelope() {
        gemini.rateLimit(KEY_ONE, Duration.ofSeconds(7));
        gemini.rateLimit(KEY_TWO, Duration.ofSeconds(30));

        HttpResponse<String> limited = generate(MODEL, HI);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 7L));
        JsonNode error = json(limited).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(429);
        assertThat(error.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.get("message").asText()).contains("Please retry in 30s", MODEL, "NEXUS_GEMINI_API_KEYS");
        assertThat(gemini.requests()).hasSize(2);

        HttpResponse<String> again = generate(MODEL, HI);
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("retry-after")).isPresent();
        assertThat(gemini.requests()).as("resting keys are not asked").hasSize(2);
    }

    @Test
    void embeddingsAndTokenCountsAreRelayedByteForByte() {
        String one = "{\"content\":{\"parts\":[{\"text\":\"cat\"}]},\"outputDimensionality\":4}";
        String batch = "{\"requests\":[{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"cat\"}]},"
                + "\"outputDimensionality\":4},{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"dog\"}]}}]}";

        HttpResponse<String> embedded = nexus.post("/v1beta/models/gemini-embedding-001:embedContent", one, "x-goog-api-key", CLIENT_KEY);
        HttpResponse<String> batched = nexus.post("/v1beta/models/gemini-embedding-001:batchEmbedContents", batch,
                "x-goog-api-key", CLIENT_KEY);
        HttpResponse<String> counted = nexus.post("/v1beta/models/" + MODEL + ":countTokens", HI, "x-goog-api-key", CLIENT_KEY);

        assertThat(embedded.statusCode()).isEqualTo(200);
        assertThat(json(embedded).at("/embedding/values")).hasSize(4);
        assertThat(batched.statusCode()).isEqualTo(200);
        assertThat(json(batched).get("embeddings")).hasSize(2);
        assertThat(json(batched).at("/embeddings/0")).isEqualTo(json(embedded).get("embedding"));
        assertThat(json(counted).get("totalTokens").asInt()).isEqualTo(3);
        assertThat(gemini.requests(":embedContent")).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(one));
        assertThat(gemini.requests(":batchEmbedContents")).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(batch));
    }

    @Test
    void aJsonArrayStreamIsRelayedAsItArrives() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        gemini.script().enqueue(Reply.builder().text("first", "second", "third").holdAfter(1, release).build());
        HttpRequest request = nexus.request("/v1beta/models/" + MODEL + ":streamGenerateContent")
                .header("x-goog-api-key", CLIENT_KEY).POST(HttpRequest.BodyPublishers.ofString(HI)).build();

        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            InputStream body = response.body();
            String head = LiveReads.until(body, "\"first\"", Duration.ofSeconds(10));
            assertThat(head).startsWith("[{").doesNotContain("second");

            release.countDown();
            String whole = head + new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(whole).contains("}\r\n,{").endsWith("]");
            JsonNode array = NexusHarness.json(whole);
            assertThat(array).extracting(e -> e.at("/candidates/0/content/parts/0/text").asText()).containsExactly("first", "second", "third");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anUpstreamStreamThatBreaksIsABrokenStreamForTheClientNotACompleteOne() {
        gemini.script().enqueue(Reply.builder().text("partial", "never").disconnectAfter(1).build());
        HttpRequest request = nexus.request("/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse")
                .header("x-goog-api-key", CLIENT_KEY).POST(HttpRequest.BodyPublishers.ofString(HI)).build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void upstreamErrorsOtherThan429AreRelayedAsGoogleSentThem() {
        HttpResponse<String> response = generate(MODEL, "{\"contents\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(response).at("/error/message").asText()).contains("contents is not specified");
        assertThat(gemini.requests()).hasSize(1);
    }

    @Test
    void modelsAreListedAndReadWithTheirQueryKept() {
        HttpResponse<String> page = nexus.get("/v1beta/models?pageSize=2", "x-goog-api-key", CLIENT_KEY);
        HttpResponse<String> one = nexus.get("/v1beta/models/gemini-2.5-pro", "x-goog-api-key", CLIENT_KEY);

        assertThat(json(page).get("models")).hasSize(2);
        assertThat(json(page).has("nextPageToken")).isTrue();
        assertThat(gemini.requests().get(0).query()).isEqualTo("pageSize=2");
        assertThat(json(one).get("name").asText()).isEqualTo("models/gemini-2.5-pro");
    }

    @Test
    void otherModelMethodsAreUnsupportedEndpointsInGooglesEnvelope() {
        HttpResponse<String> response = nexus.post("/v1beta/models/" + MODEL + ":predict", HI, "x-goog-api-key", CLIENT_KEY);
        HttpResponse<String> getAction = nexus.get("/v1beta/models/" + MODEL + ":generateContent", "x-goog-api-key", CLIENT_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(json(response).at("/error/message").asText()).startsWith("Unsupported endpoint");
        assertThat(getAction.statusCode()).isEqualTo(404);
        assertThat(gemini.requests()).isEmpty();
    }

    @Test
    void aWrongClientKeyIs401InGooglesEnvelopeAndNothingReachesGoogle() {
        HttpResponse<String> response = nexus.post("/v1beta/models/" + MODEL + ":generateContent", HI, "x-goog-api-key", "AIza-not-a-nexus-key");
        HttpResponse<String> none = nexus.get("/v1beta/models");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(401);
        assertThat(json(response).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(gemini.requests()).isEmpty();
    }

    @Test
    void withoutAGeminiKeyTheProxyAnswers404NamingTheVariable(@TempDir Path other) {
        try (NexusHarness bare = new NexusHarness(other).env("NEXUS_API_KEY", CLIENT_KEY).env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl()).start()) {
            HttpResponse<String> list = bare.get("/v1beta/models", "x-goog-api-key", CLIENT_KEY);
            HttpResponse<String> call = bare.post("/v1beta/models/" + MODEL + ":generateContent", HI, "x-goog-api-key", CLIENT_KEY);

            for (HttpResponse<String> response : List.of(list, call)) {
                assertThat(response.statusCode()).isEqualTo(404);
                assertThat(json(response).at("/error/status").asText()).isEqualTo("NOT_FOUND");
                assertThat(json(response).at("/error/message").asText()).contains("NEXUS_GEMINI_API_KEYS");
            }
        }
        assertThat(gemini.requests()).isEmpty();
    }

    @Test
    void aSlowOrUnreachableGeminiApiIsAGatewayErrorNamingTheSettingToCheck(@TempDir Path slow, @TempDir Path down) {
        gemini.script().enqueue(Reply.builder().text("too late").slowChunks(Duration.ofSeconds(5)).build());
        try (NexusHarness impatient = new NexusHarness(slow).env("NEXUS_API_KEY", CLIENT_KEY).env("NEXUS_GEMINI_API_KEY", KEY_ONE)
                .env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl()).env("NEXUS_GEMINI_PROXY_TIMEOUT", "1s").start();
             NexusHarness unreachable = new NexusHarness(down).env("NEXUS_API_KEY", CLIENT_KEY).env("GEMINI_API_KEY", KEY_ONE)
                .env("NEXUS_GEMINI_BASE_URL", "http://127.0.0.1:1").start()) {
            HttpResponse<String> timedOut = impatient.post("/v1beta/models/" + MODEL + ":generateContent", HI, "x-goog-api-key", CLIENT_KEY);
            HttpResponse<String> refused = unreachable.get("/v1beta/models", "x-goog-api-key", CLIENT_KEY);

            assertThat(timedOut.statusCode()).isEqualTo(504);
            assertThat(json(timedOut).at("/error/status").asText()).isEqualTo("DEADLINE_EXCEEDED");
            assertThat(json(timedOut).at("/error/message").asText()).contains("1 s", "NEXUS_GEMINI_PROXY_TIMEOUT");
            assertThat(refused.statusCode()).isEqualTo(502);
            assertThat(json(refused).at("/error/message").asText()).contains("cannot reach the Gemini API", "NEXUS_GEMINI_BASE_URL");
        }
    }

    @Test
    void theGoogleGenAiSdkWorksAgainstNexusAsItsGeminiApi() {
        gemini.script().enqueue(Reply.text("Hello from the SDK test")).enqueue(Reply.text("one ", "two ", "three"));
        try (Client client = Client.builder().apiKey(CLIENT_KEY)
                .httpOptions(HttpOptions.builder().baseUrl(nexus.baseUrl()).apiVersion("v1beta").build()).build()) {

            GenerateContentResponse answer = client.models.generateContent(MODEL, "hello there", null);
            assertThat(answer.text()).isEqualTo("Hello from the SDK test");

            List<String> pieces = new ArrayList<>();
            try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(MODEL, "count", null)) {
                for (GenerateContentResponse chunk : stream) {
                    pieces.add(chunk.text());
                }
            }
            assertThat(pieces).containsExactly("one ", "two ", "three");

            CountTokensResponse count = client.models.countTokens(MODEL, "hello there", null);
            assertThat(count.totalTokens()).contains(3);

            List<String> names = StreamSupport.stream(client.models.list(ListModelsConfig.builder().pageSize(2).build()).spliterator(), false)
                    .map(m -> m.name().orElseThrow()).toList();
            assertThat(names).contains("models/gemini-2.5-flash", "models/gemini-embedding-001");
        }
        assertThat(gemini.requests()).allSatisfy(r -> {
            assertThat(r.header("x-goog-api-key")).isEqualTo(KEY_ONE);
            assertClientKeyNeverArrived(r);
        });
        assertThat(gemini.requests(":streamGenerateContent")).singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("alt=sse"));
    }
}
