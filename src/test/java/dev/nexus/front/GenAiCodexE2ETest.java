package dev.nexus.front;

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
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import dev.nexus.fake.CodexReply;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Google GenAI SDK on a model routed to ChatGPT: the GenAI surface through the canonical model to the
 * fake Codex backend, its answers written back in Google's format.
 */
class GenAiCodexE2ETest {
    private static final String KEY = "sk-genai-codex-key-0001";
    private static final String MODEL = "gpt-5.2-codex";

    @TempDir
    Path dir;
    private FakeOpenAi chatgpt;
    private NexusHarness nexus;
    private Client genai;
    private FakeChatGptAccount coder;

    @BeforeEach
    void start() throws IOException {
        chatgpt = FakeOpenAi.start();
        coder = chatgpt.addAccount("coder@example.com", "plus");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).env("NEXUS_OPENAI_TOKEN_URL", chatgpt.tokenUrl())
                .env("NEXUS_CODEX_BASE_URL", chatgpt.codexBaseUrl());
        Path auth = dir.resolve("codex-home/auth.json");
        Files.createDirectories(auth.getParent());
        Files.writeString(auth, chatgpt.codexAuthJson(coder.email(), chatgpt.issueAccessToken(coder.email())));
        NexusHarness.CliResult imported = nexus.cli("accounts", "import", "--file", auth.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        nexus.start();
        // One attempt: the SDK's own backoff on 429 would only slow the limit test down.
        genai = nexus.genAi(KEY);
    }

    @AfterEach
    void stop() {
        genai.close();
        nexus.close();
        assertThat(chatgpt.awaitNoOpenStreams(Duration.ofSeconds(5))).as("no upstream stream left open").isTrue();
        chatgpt.close();
    }

    private List<RecordedRequest> codexCalls() {
        return chatgpt.requests("/codex/responses");
    }

    @Test
    void aUnaryAnswerComesBackInGooglesFormatWithUsage() {
        chatgpt.script().enqueue(CodexReply.builder().text("Hello ", "from Codex").usage(20, 0, 9, 0).build());
        GenerateContentResponse answer = genai.models.generateContent(MODEL, "hi",
                GenerateContentConfig.builder().systemInstruction(Content.fromParts(Part.fromText("be brief"))).build());

        assertThat(answer.text()).isEqualTo("Hello from Codex");
        assertThat(answer.finishReason().toString()).isEqualTo("STOP");
        assertThat(answer.usageMetadata().orElseThrow().promptTokenCount()).contains(20);
        assertThat(answer.usageMetadata().orElseThrow().candidatesTokenCount()).contains(9);
        JsonNode sent = codexCalls().get(0).json();
        assertThat(sent.path("model").asText()).isEqualTo(MODEL);
        assertThat(sent.path("instructions").asText()).contains("be brief");
        assertThat(sent.at("/input/0/content/0/text").asText()).isEqualTo("hi");
    }

    @Test
    void aStreamArrivesChunkByChunkAndItsLastChunkCarriesTheFinishAndUsage() {
        chatgpt.script().enqueue(CodexReply.builder().text("one ", "two ", "three").usage(11, 0, 3, 0).build());
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = genai.models.generateContentStream(MODEL, "count", null)) {
            stream.forEach(chunks::add);
        }
        assertThat(chunks).hasSizeGreaterThan(1);
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.text() == null ? "" : c.text()));
        assertThat(text.toString()).isEqualTo("one two three");
        GenerateContentResponse last = chunks.get(chunks.size() - 1);
        assertThat(last.finishReason().toString()).isEqualTo("STOP");
        assertThat(last.usageMetadata().orElseThrow().totalTokenCount()).contains(14);
        assertThat(chunks.get(0).finishReason().toString()).as("only the last chunk finishes").isNotEqualTo("STOP");
    }

    @Test
    void theJsonArrayStreamWithoutAltSseIsWrittenToo() {
        chatgpt.script().enqueue(CodexReply.text("a", "b"));
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/" + MODEL + ":streamGenerateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]}", "x-goog-api-key", KEY);
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode array = NexusHarness.json(res.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("a");
        assertThat(array.get(array.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(res.headers().firstValue("X-Nexus-Route").orElse("")).contains("codex");
    }

    @Test
    void aFunctionCallRoundTripReplaysTheEncryptedReasoningToCodexOnly() {
        chatgpt.script().enqueue(CodexReply.builder().reasoning("need the weather")
                .functionCall("call_1", "get_weather", "{\"city\":\"Paris\"}").build());
        Tool tool = Tool.fromJson("{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"Weather for a city\","
                + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}}]}");
        GenerateContentConfig config = GenerateContentConfig.builder().tools(tool)
                .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).build()).build();
        Content question = Content.builder().role("user").parts(Part.fromText("weather in Paris?")).build();
        GenerateContentResponse first = genai.models.generateContent(MODEL, List.of(question), config);

        FunctionCall call = first.functionCalls().get(0);
        assertThat(call.name()).contains("get_weather");
        assertThat(call.id()).contains("call_1");
        assertThat(call.args().orElseThrow()).containsEntry("city", "Paris");
        Content modelTurn = first.candidates().orElseThrow().get(0).content().orElseThrow();
        List<Part> parts = modelTurn.parts().orElseThrow();
        assertThat(parts.get(0).thought()).contains(true);
        assertThat(parts.get(0).text()).contains("need the weather");
        Part signedCall = parts.stream().filter(p -> p.functionCall().isPresent()).findFirst().orElseThrow();
        String label = new String(signedCall.thoughtSignature().orElseThrow(), StandardCharsets.UTF_8);
        // nx1.<origin>.<value>, the origin naming the ChatGPT account that sealed the reasoning.
        assertThat(label).startsWith("nx1.codex/");
        String encrypted = label.substring(label.indexOf('.', "nx1.".length()) + 1);
        JsonNode firstAnswer = codexCalls().get(0).json();
        assertThat(firstAnswer.at("/tools/0/name").asText()).isEqualTo("get_weather");

        chatgpt.script().enqueue(CodexReply.text("It is 18C in Paris."));
        Part result = Part.fromFunctionResponse("get_weather", Map.of("output", "18C"));
        result = result.toBuilder().functionResponse(result.functionResponse().orElseThrow().toBuilder().id("call_1").build()).build();
        Content answerTurn = Content.builder().role("user").parts(result).build();
        GenerateContentResponse second = genai.models.generateContent(MODEL, List.of(question, modelTurn, answerTurn), config);
        assertThat(second.text()).isEqualTo("It is 18C in Paris.");

        JsonNode input = codexCalls().get(1).json().path("input");
        List<String> types = new ArrayList<>();
        input.forEach(item -> types.add(item.path("type").asText("message")));
        int reasoning = types.indexOf("reasoning");
        int functionCall = types.indexOf("function_call");
        assertThat(reasoning).as(input.toString()).isGreaterThanOrEqualTo(0).isLessThan(functionCall);
        assertThat(input.get(reasoning).path("encrypted_content").asText()).isEqualTo(encrypted);
        assertThat(input.get(functionCall).path("call_id").asText()).isEqualTo("call_1");
        JsonNode output = input.get(types.indexOf("function_call_output"));
        assertThat(output.path("call_id").asText()).isEqualTo("call_1");
        assertThat(output.path("output").asText()).contains("18C");
    }

    @Test
    void countTokensIsALocalEstimateWithNoCodexCall() {
        CountTokensResponse count = genai.models.countTokens(MODEL, "how many tokens is this sentence?", null);
        assertThat(count.totalTokens()).hasValueSatisfying(n -> assertThat(n).isPositive());
        assertThat(codexCalls()).isEmpty();
    }

    @Test
    void aLimitedAccountIsA429WithRetryAfterInGooglesEnvelope() {
        chatgpt.limitUsage(coder.email(), Duration.ofMinutes(30));
        assertThatThrownBy(() -> genai.models.generateContent(MODEL, "hi", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(429));
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"x\"}]}]}", "x-goog-api-key", KEY);
        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(res.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 1800L);
        JsonNode error = NexusHarness.json(res.body()).path("error");
        assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.path("code").asInt()).isEqualTo(429);
    }

    @Test
    void aBodyTheCanonicalModelCannotTakeIsA400InGooglesEnvelope() {
        HttpResponse<String> res = nexus.post("/genai/v1beta/models/" + MODEL + ":generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"executableCode\":{\"code\":\"1\"}}]}]}", "x-goog-api-key", KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        JsonNode error = NexusHarness.json(res.body()).path("error");
        assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).contains("executableCode");
        assertThat(codexCalls()).isEmpty();
    }
}
