package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Part;
import com.google.genai.types.Tool;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official Google GenAI Java SDK against the real server's /genai surface, answered by the fake Cloud Code. */
class GenAiE2ETest {
    private static final String KEY = "sk-genai-e2e-key-0001";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private Client genai;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code()).isZero();
        nexus.start();
        genai = client("v1beta");
    }

    private Client client(String version) {
        HttpOptions.Builder options = HttpOptions.builder().baseUrl(nexus.baseUrl() + "/genai").timeout(30_000);
        if (version != null) {
            options.apiVersion(version);
        }
        return Client.builder().apiKey(KEY).httpOptions(options.build()).build();
    }

    @AfterEach
    void stop() {
        genai.close();
        nexus.close();
        assertThat(google.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        google.close();
    }

    private List<RecordedRequest> generations() {
        List<RecordedRequest> calls = new ArrayList<>();
        for (RecordedRequest r : google.requests()) {
            if (r.path().contains(":generateContent") || r.path().contains(":streamGenerateContent")) {
                calls.add(r);
            }
        }
        return calls;
    }

    @Test
    void generateContentIsAnsweredThroughCloudCodeWithTheEnvelopeUnwrapped() {
        google.script().enqueue(Reply.builder().text("Hello ", "from Cloud Code").usage(9, 4, 0, 0).build());
        GenerateContentResponse answer = genai.models.generateContent("gemini-3-flash", "hi", null);
        assertThat(answer.text()).isEqualTo("Hello from Cloud Code");
        assertThat(answer.usageMetadata().orElseThrow().promptTokenCount()).contains(9);
        JsonNode sent = generations().get(0).json();
        assertThat(sent.path("project").asText()).isEqualTo("proj-alice");
        assertThat(sent.path("model").asText()).isEqualTo("gemini-3-flash");
        assertThat(sent.at("/request/contents/0/parts/0/text").asText()).isEqualTo("hi");
        assertThat(sent.at("/request/sessionId").asText()).isNotEmpty();
    }

    @Test
    void theSdkDefaultVersionV1IsServedToo() {
        try (Client v1 = client(null)) {
            assertThat(v1.models.generateContent("gemini-3-flash", "hi", null).text()).isEqualTo("Hello from fake");
        }
    }

    @Test
    void streamingDeliversEachChunk() {
        google.script().enqueue(Reply.builder().text("one ", "two ", "three").build());
        List<String> pieces = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = genai.models.generateContentStream("gemini-3-flash", "count", null)) {
            for (GenerateContentResponse chunk : stream) {
                if (chunk.text() != null) {
                    pieces.add(chunk.text());
                }
            }
        }
        assertThat(String.join("", pieces)).isEqualTo("one two three");
        assertThat(pieces).hasSizeGreaterThanOrEqualTo(3);
        assertThat(generations().get(0).queryParam("alt")).isEqualTo("sse");
    }

    @Test
    void withoutAltSseTheStreamIsAJsonArrayAsGoogleSendsIt() {
        google.script().enqueue(Reply.builder().text("a", "b").build());
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/gemini-3-flash:streamGenerateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(res.body()).startsWith("[{").endsWith("}]").contains("\r\n,{");
        JsonNode array = json(res.body());
        StringBuilder text = new StringBuilder();
        array.forEach(chunk -> chunk.at("/candidates/0/content/parts").forEach(p -> text.append(p.path("text").asText())));
        assertThat(text.toString()).isEqualTo("ab");
    }

    @Test
    void countTokensUsesCloudCode() {
        CountTokensResponse count = genai.models.countTokens("gemini-3-flash", "how many tokens is this?", null);
        assertThat(count.totalTokens()).hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(google.requests()).anySatisfy(r -> assertThat(r.path()).endsWith(":countTokens"));
    }

    @Test
    void theModelListComesFromTheAccountsAvailableModels() {
        List<String> names = new ArrayList<>();
        genai.models.list(ListModelsConfig.builder().build()).forEach(m -> names.add(m.name().orElse("")));
        assertThat(names).contains("models/gemini-3-flash", "models/claude-sonnet-4-5");
        assertThat(google.requests()).anySatisfy(r -> assertThat(r.path()).endsWith(":fetchAvailableModels"));
        assertThat(genai.models.get("gemini-3-flash", null).displayName()).contains("Gemini 3 Flash");
    }

    @Test
    void withoutAnAccountTheModelListIs503SayingWhy() {
        assertThat(nexus.cli("accounts", "disable", "alice@example.com").code()).isZero();
        NexusHarness.awaitTrue(Duration.ofSeconds(5),
                () -> json(nexus.get("/api/accounts").body()).at("/accounts/0/state").asText().equals("disabled"));
        HttpResponse<String> res = nexus.get("/genai/v1beta/models", "x-goog-api-key", KEY);
        assertThat(json(res.body()).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(json(res.body()).at("/error/message").asText()).contains("no linked Google account is active");
    }

    @Test
    void aFunctionCallRoundTripReplaysTheSignatureAndTheCallId() {
        google.script().enqueue(Reply.builder().functionCall("call-7", "get_weather", Map.of("city", "Paris"), "c2lnLWNjLTE=").build());
        Tool tool = Tool.fromJson("{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"Weather for a city\","
                + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}}]}");
        GenerateContentConfig config = GenerateContentConfig.builder().tools(tool).build();
        Content question = Content.fromParts(Part.fromText("weather in Paris?"));
        question = question.toBuilder().role("user").build();
        GenerateContentResponse first = genai.models.generateContent("gemini-3-flash", List.of(question), config);
        FunctionCall call = first.functionCalls().get(0);
        assertThat(call.name()).contains("get_weather");
        assertThat(call.id()).contains("call-7");
        Content modelTurn = first.candidates().orElseThrow().get(0).content().orElseThrow();

        google.script().enqueue(Reply.text("It is 18C in Paris."));
        Part result = Part.fromFunctionResponse("get_weather", Map.of("output", "18C"));
        result = result.toBuilder().functionResponse(result.functionResponse().orElseThrow().toBuilder().id("call-7").build()).build();
        Content answerTurn = Content.builder().role("user").parts(result).build();
        GenerateContentResponse second = genai.models.generateContent("gemini-3-flash", List.of(question, modelTurn, answerTurn), config);
        assertThat(second.text()).isEqualTo("It is 18C in Paris.");

        JsonNode replay = generations().get(1).json().path("request");
        JsonNode callPart = replay.at("/contents/1/parts/0");
        assertThat(callPart.at("/functionCall/id").asText()).isEqualTo("call-7");
        assertThat(callPart.path("thoughtSignature").asText()).isEqualTo("c2lnLWNjLTE=");
        assertThat(replay.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
        assertThat(replay.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("VALIDATED");
    }

    @Test
    void claudeTargetsGetCallIdsPairedAndSearchToolsRemoved() {
        String body = """
                {"contents":[
                  {"role":"user","parts":[{"text":"look it up"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"lookup","args":{"q":"x"}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"lookup","response":{"output":"y"}}}]}],
                 "tools":[{"googleSearch":{}},{"functionDeclarations":[{"name":"lookup","parameters":{"type":"OBJECT"}}]}],
                 "someFutureField":{"kept":true}}
                """;
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/claude-sonnet-4-5:generateContent", body, "x-goog-api-key", KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode sent = generations().get(0).json().path("request");
        String callId = sent.at("/contents/1/parts/0/functionCall/id").asText();
        assertThat(callId).startsWith("toolu_");
        assertThat(sent.at("/contents/2/parts/0/functionResponse/id").asText()).isEqualTo(callId);
        assertThat(sent.path("tools")).hasSize(1);
        assertThat(sent.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("lookup");
        assertThat(sent.at("/someFutureField/kept").asBoolean()).isTrue();
        // Claude on Cloud Code answers on the stream endpoint only; the client still gets one unary response.
        assertThat(generations().get(0).path()).endsWith(":streamGenerateContent");
        assertThat(json(res.body()).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hello from fake");
    }

    @Test
    void rateLimitsFailOverToTheNextAccountAndAllLimitedIs429WithRetryAfter() {
        google.addAccount("bob@example.com", "proj-bob");
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("bob@example.com").refreshToken()).code()).isZero();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> json(nexus.get("/api/accounts").body()).path("accounts").size() == 2);
        google.script().enqueue(Reply.rateLimited(Duration.ofSeconds(30)));
        GenerateContentResponse answer = genai.models.generateContent("gemini-3-flash", "hi", null);
        assertThat(answer.text()).isEqualTo("Hello from fake");
        assertThat(generations()).hasSize(2);

        google.script().enqueue(Reply.rateLimited(Duration.ofSeconds(40)).repeat());
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/gemini-3-flash:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", KEY);
        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(res.body()).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @Test
    void badInputGetsGoogleErrors() {
        HttpResponse<String> noContents = nexus.post("/genai/v1beta/models/gemini-3-flash:generateContent", "{}", "x-goog-api-key", KEY);
        assertThat(noContents.statusCode()).isEqualTo(400);
        assertThat(json(noContents.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        HttpResponse<String> notJson = nexus.post("/genai/v1beta/models/gemini-3-flash:generateContent", "{oops", "x-goog-api-key", KEY);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson.body()).at("/error/code").asInt()).isEqualTo(400);
        HttpResponse<String> unknown = nexus.post("/genai/v1beta/models/gemini-3-flash:embedContent", "{}", "x-goog-api-key", KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/error/message").asText()).contains("/v1beta");
        HttpResponse<String> noKey = nexus.post("/genai/v1beta/models/gemini-3-flash:generateContent", "{}");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey.body()).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThatThrownBy(() -> genai.models.generateContent("gemini-3-flash", List.of(), null)).isInstanceOf(ApiException.class);
    }

    @Test
    void anUpstreamFailureAfterTheFirstChunkEndsTheStreamWithAnErrorElement() {
        google.script().enqueue(Reply.builder().text("partial ", "never").disconnectAfter(1).build());
        HttpResponse<String> sse = nexus.post("/genai/v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", KEY);
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.headers().firstValue("X-Nexus-Route").orElse(""))
                .startsWith("resolved gemini-3-flash -> gemini-3-flash (catalog); google/gemini-3-flash@");
        String[] events = sse.body().split("\n\n");
        assertThat(events[0]).startsWith("data: ").contains("partial ");
        JsonNode last = json(events[events.length - 1].strip().substring("data: ".length()));
        assertThat(last.at("/error/code").asInt()).isEqualTo(502);
        assertThat(last.at("/error/message").asText()).contains("Cloud Code stream");

        google.script().enqueue(Reply.builder().text("partial ", "never").disconnectAfter(1).build());
        HttpResponse<String> array = nexus.post("/genai/v1beta/models/gemini-3-flash:streamGenerateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", KEY);
        JsonNode elements = json(array.body());
        assertThat(elements).hasSize(2);
        assertThat(elements.get(1).at("/error/status").asText()).isEqualTo("INTERNAL");
    }
}
