package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Vertex AI (express mode) key proxy through the real server, against the fake's Vertex endpoints. */
class VertexProxyE2ETest {
    private static final String CLIENT_KEY = "sk-nexus-vertex-e2e-client-0001";
    private static final String VERTEX_KEY = "AQ.vertex-express-key-999999";
    private static final String HI = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}]}";
    private static final String PATH = "/v1/publishers/google/models/";

    @TempDir
    Path dir;
    private FakeGeminiApi vertex;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        vertex = FakeGeminiApi.start().acceptKey(VERTEX_KEY);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_VERTEX_API_KEY", VERTEX_KEY)
                .env("NEXUS_VERTEX_BASE_URL", vertex.baseUrl())
                .env("NEXUS_VERTEX_PROXY_TIMEOUT", "90s")
                .start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        assertThat(vertex.awaitNoOpenStreams(Duration.ofSeconds(5))).as("no upstream stream left open").isTrue();
        vertex.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return NexusHarness.json(response.body());
    }

    private static void assertOnlyTheServerKeyArrived(RecordedRequest request) {
        assertThat(request.header("x-goog-api-key")).isEqualTo(VERTEX_KEY);
        assertThat(request.query() == null ? "" : request.query()).doesNotContain("key=");
        request.headers().forEach((name, values) -> assertThat(values).as(name).allSatisfy(v -> assertThat(v).doesNotContain(CLIENT_KEY)));
    }

    @Test
    void thePublisherPrefixIsDroppedFromTheModelAndTheServerKeyInjected() {
        vertex.script().enqueue(Reply.text("from vertex"));

        HttpResponse<String> response = nexus.post(PATH + "google/gemini-2.5-flash:generateContent", HI,
                "Authorization", "Bearer " + CLIENT_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("from vertex");
        assertThat(json(response).at("/usageMetadata/trafficType").asText()).isEqualTo("ON_DEMAND");
        RecordedRequest sent = vertex.requests().get(0);
        assertThat(sent.path()).isEqualTo(PATH + "gemini-2.5-flash:generateContent");
        assertThat(sent.body()).isEqualTo(HI);
        assertThat(sent.headers()).doesNotContainKey("authorization");
        assertOnlyTheServerKeyArrived(sent);
    }

    @Test
    void streamsAndTokenCountsAreRelayedWithTheClientsQueryKeyRemoved() {
        vertex.script().enqueue(Reply.text("a", "b"));

        HttpResponse<String> stream = nexus.post(PATH + "gemini-2.5-flash:streamGenerateContent?alt=sse&key=" + CLIENT_KEY, HI);
        HttpResponse<String> count = nexus.post(PATH + "gemini-2.5-flash:countTokens", HI, "x-goog-api-key", CLIENT_KEY);

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type")).contains("text/event-stream");
        assertThat(stream.body().lines().filter(l -> l.startsWith("data: ")).count()).isEqualTo(2);
        assertThat(json(count).get("totalTokens").asInt()).isEqualTo(3);
        assertThat(json(count).has("totalBillableCharacters")).isTrue();
        assertThat(vertex.requests()).hasSize(2).allSatisfy(VertexProxyE2ETest::assertOnlyTheServerKeyArrived);
        assertThat(vertex.requests().get(0).query()).isEqualTo("alt=sse");
    }

    @Test
    void upstreamRefusalsAreRelayedAsVertexSentThem() {
        HttpResponse<String> response = nexus.post(PATH + "gemini-2.5-flash:generateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"no role\"}]}]}", "x-goog-api-key", CLIENT_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("valid role");
    }

    @Test
    void otherActionsAreUnsupportedAndOpenAiPathsUnderV1AreUntouched() {
        HttpResponse<String> embed = nexus.post(PATH + "gemini-2.5-flash:embedContent", HI, "x-goog-api-key", CLIENT_KEY);
        HttpResponse<String> noAction = nexus.post(PATH + "gemini-2.5-flash", HI, "x-goog-api-key", CLIENT_KEY);

        for (HttpResponse<String> response : List.of(embed, noAction)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).at("/error/status").asText()).isEqualTo("NOT_FOUND");
            assertThat(json(response).at("/error/message").asText()).startsWith("Unsupported endpoint");
        }
        HttpResponse<String> openAi = nexus.get("/v1/models", "Authorization", "Bearer " + CLIENT_KEY);
        assertThat(openAi.statusCode()).isEqualTo(200);
        assertThat(json(openAi).get("object").asText()).isEqualTo("list");
        assertThat(vertex.requests()).isEmpty();
    }

    @Test
    void aWrongClientKeyIs401InGooglesEnvelope() {
        HttpResponse<String> response = nexus.post(PATH + "gemini-2.5-flash:generateContent", HI, "x-goog-api-key", "AQ.someone-else");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(401);
        assertThat(vertex.requests()).isEmpty();
    }

    @Test
    void withoutAVertexKeyTheProxyAnswers404NamingTheVariable(@TempDir Path other) {
        try (NexusHarness bare = new NexusHarness(other).env("NEXUS_API_KEY", CLIENT_KEY).start()) {
            HttpResponse<String> response = bare.post(PATH + "gemini-2.5-flash:generateContent", HI, "x-goog-api-key", CLIENT_KEY);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).at("/error/status").asText()).isEqualTo("NOT_FOUND");
            assertThat(json(response).at("/error/message").asText()).contains("NEXUS_VERTEX_API_KEY");
        }
    }

    @Test
    void theGoogleGenAiSdkInVertexExpressModeWorksAgainstNexus() {
        vertex.script().enqueue(Reply.text("express")).enqueue(Reply.text("str", "eamed"));
        try (Client client = Client.builder().vertexAI(true).apiKey(CLIENT_KEY)
                .httpOptions(HttpOptions.builder().baseUrl(nexus.baseUrl()).apiVersion("v1").build()).build()) {

            assertThat(client.models.generateContent("gemini-2.5-flash", "hello there", null).text()).isEqualTo("express");
            List<String> pieces = new ArrayList<>();
            try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream("gemini-2.5-flash", "go", null)) {
                stream.forEach(chunk -> pieces.add(chunk.text()));
            }
            assertThat(pieces).containsExactly("str", "eamed");
        }
        assertThat(vertex.requests()).extracting(RecordedRequest::path)
                .containsExactly(PATH + "gemini-2.5-flash:generateContent", PATH + "gemini-2.5-flash:streamGenerateContent");
        assertThat(vertex.requests()).allSatisfy(VertexProxyE2ETest::assertOnlyTheServerKeyArrived);
    }
}
