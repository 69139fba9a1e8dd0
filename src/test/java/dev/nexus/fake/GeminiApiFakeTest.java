package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Gemini API and Vertex express mode answer like Google's, as the key proxies' tests rely on. */
class GeminiApiFakeTest {
    private static final String KEY = "AIza-fake-test-key-000001";
    private static final String OTHER = "AIza-fake-test-key-000002";
    private static final String HI = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}]}";
    private final FakeGeminiApi fake = FakeGeminiApi.start().acceptKey(KEY).acceptKey(OTHER);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        assertThat(fake.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        fake.close();
        http.close();
    }

    private HttpResponse<String> call(String method, String pathAndQuery, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-goog-api-key", key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tryParse(response.body()).orElseThrow(() -> new AssertionError("not JSON: " + response.body()));
    }

    @Test
    void theKeyComesFromTheHeaderOrTheQueryAndUnknownOrMissingKeysAreRefusedAsGoogleDoes() {
        assertThat(call("GET", "/v1beta/models", KEY, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/v1beta/models?key=" + OTHER, null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> unknown = call("POST", "/v1beta/models/gemini-2.5-flash:generateContent", "AIza-nobody", HI);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(unknown).at("/error/details/0/reason").asText()).isEqualTo("API_KEY_INVALID");
        assertThat(json(unknown).at("/error/details/0/metadata/service").asText()).isEqualTo("generativelanguage.googleapis.com");
        HttpResponse<String> missing = call("POST", "/v1beta/models/gemini-2.5-flash:generateContent", null, HI);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(json(missing).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(fake.requests()).hasSize(4);
        assertThat(fake.requestsWithKey(OTHER)).singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("key=" + OTHER));
    }

    @Test
    void unaryAnswersAreBareResponsesThatEchoTheModel() {
        fake.script().enqueueForKey(KEY, Reply.text("Hel", "lo"));

        HttpResponse<String> response = call("POST", "/v1beta/models/gemini-2.5-flash:generateContent", KEY, HI);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.has("response")).isFalse();
        assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hello");
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(body.get("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(body.has("responseId")).isTrue();
        assertThat(body.has("createTime")).isFalse();
        assertThat(call("POST", "/v1beta/models/gemini-0-nope:generateContent", KEY, HI).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/v1beta/models/gemini-2.5-flash:predict", KEY, HI).statusCode()).isEqualTo(404);
    }

    @Test
    void streamsAreAJsonArrayWithoutAltAndServerSentEventsWithAltSse() {
        fake.script().enqueue(Reply.text("a", "b")).enqueue(Reply.text("c", "d"));

        HttpResponse<String> array = call("POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", KEY, HI);
        HttpResponse<String> sse = call("POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", KEY, HI);

        assertThat(array.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(array.body()).startsWith("[{").contains("}\r\n,{").endsWith("}]");
        assertThat(json(array)).hasSize(2);
        assertThat(json(array).get(1).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("b");
        assertThat(sse.headers().firstValue("content-type")).contains("text/event-stream");
        List<String> events = sse.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events).hasSize(2);
        assertThat(Json.tryParse(events.get(0)).orElseThrow().at("/candidates/0/content/parts/0/text").asText()).isEqualTo("c");
    }

    @Test
    void aRateLimitedKeyAnswers429WithItsRetryDelayWhileOtherKeysServe() {
        fake.rateLimit(KEY, Duration.ofSeconds(7));

        HttpResponse<String> limited = call("POST", "/v1beta/models/gemini-2.5-flash:generateContent", KEY, HI);
        HttpResponse<String> other = call("POST", "/v1beta/models/gemini-2.5-flash:generateContent", OTHER, HI);

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode error = json(limited).get("error");
        assertThat(error.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.get("message").asText()).contains("retry in 7s");
        assertThat(error.at("/details/0/violations/0/quotaDimensions/model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(error.at("/details/2/retryDelay").asText()).isEqualTo("7s");
        assertThat(other.statusCode()).isEqualTo(200);

        fake.liftRateLimit(KEY);
        assertThat(call("POST", "/v1beta/models/gemini-2.5-flash:generateContent", KEY, HI).statusCode()).isEqualTo(200);
    }

    @Test
    void embeddingsTokenCountsAndTheModelListAnswerInTheirShapes() {
        JsonNode embed = json(call("POST", "/v1beta/models/gemini-embedding-001:embedContent", KEY,
                "{\"content\":{\"parts\":[{\"text\":\"cat\"}]},\"outputDimensionality\":4}"));
        JsonNode batch = json(call("POST", "/v1beta/models/gemini-embedding-001:batchEmbedContents", KEY,
                "{\"requests\":[{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"cat\"}]},"
                        + "\"outputDimensionality\":4},{\"content\":{\"parts\":[{\"text\":\"dog\"}]}}]}"));
        JsonNode count = json(call("POST", "/v1beta/models/gemini-2.5-flash:countTokens", KEY, HI));
        JsonNode page = json(call("GET", "/v1beta/models?pageSize=3", KEY, null));
        JsonNode rest = json(call("GET", "/v1beta/models?pageSize=3&pageToken=" + page.get("nextPageToken").asText(), KEY, null));

        assertThat(embed.at("/embedding/values")).hasSize(4);
        assertThat(batch.get("embeddings")).hasSize(2);
        assertThat(batch.at("/embeddings/0")).isEqualTo(embed.get("embedding"));
        assertThat(batch.at("/embeddings/1/values")).hasSize(GeminiApiEmbeddings.DEFAULT_DIMENSIONS);
        assertThat(count.get("totalTokens").asInt()).isEqualTo(3);
        assertThat(page.get("models")).hasSize(3);
        assertThat(rest.get("models")).hasSize(1);
        assertThat(rest.has("nextPageToken")).isFalse();
        assertThat(json(call("GET", "/v1beta/models/gemini-2.5-pro", KEY, null)).get("name").asText()).isEqualTo("models/gemini-2.5-pro");
    }

    @Test
    void vertexExpressModeServesPublisherModelsAndWantsARoleOnEveryContent() {
        fake.script().enqueue(Reply.text("from vertex"));

        HttpResponse<String> ok = call("POST", "/v1/publishers/google/models/gemini-2.5-flash:generateContent", KEY, HI);
        HttpResponse<String> noRole = call("POST", "/v1/publishers/google/models/gemini-2.5-flash:generateContent", KEY,
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
        HttpResponse<String> badKey = call("POST", "/v1/publishers/google/models/gemini-2.5-flash:countTokens", "AQ.unknown", HI);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("from vertex");
        assertThat(json(ok).has("createTime")).isTrue();
        assertThat(json(ok).at("/usageMetadata/trafficType").asText()).isEqualTo("ON_DEMAND");
        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(json(badKey).at("/error/details/0/metadata/service").asText()).isEqualTo("aiplatform.googleapis.com");
        assertThat(call("POST", "/v1/publishers/google/models/gemini-2.5-flash:embedContent", KEY, HI).statusCode()).isEqualTo(404);
    }
}
