package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI SDK's Responses API against the real server and the fake Cloud Code, with stored conversation state. */
class ResponsesE2ETest {
    private static final String KEY = "sk-responses-e2e-01";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;
    private OpenAIClient openai;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code()).isZero();
        nexus.start();
        openai = OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(KEY).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        openai.close();
        nexus.close();
        google.close();
    }

    private RecordedRequest lastGenerate() {
        List<RecordedRequest> calls = new ArrayList<>();
        for (RecordedRequest r : google.requests()) {
            if (r.path().endsWith(":generateContent") || r.path().endsWith(":streamGenerateContent")) {
                calls.add(r);
            }
        }
        return calls.get(calls.size() - 1);
    }

    private static String text(Response response) {
        return response.output().stream().flatMap(i -> i.message().stream()).flatMap(m -> m.content().stream())
                .flatMap(c -> c.outputText().stream()).map(t -> t.text()).collect(Collectors.joining());
    }

    private HttpResponse<String> post(String body) {
        return nexus.post("/v1/responses", body, "Authorization", "Bearer " + KEY);
    }

    @Test
    void aNonStreamingResponseCarriesTheTextAndUsage() {
        google.script().enqueue(Reply.builder().text("Hello ", "there").usage(10, 4, 0, 0).build());
        Response response = openai.responses().create(ResponseCreateParams.builder().model("gemini-3-flash").input("hi")
                .instructions("Be brief.").build());
        assertThat(text(response)).isEqualTo("Hello there");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(10);
        assertThat(lastGenerate().json().at("/request/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
    }

    @Test
    void aStreamDeliversTextDeltasAndOneCompletedEvent() {
        google.script().enqueue(Reply.builder().text("one ", "two").build());
        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(
                ResponseCreateParams.builder().model("gemini-3-flash").input("count").build())) {
            events = stream.stream().toList();
        }
        String text = events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta()).collect(Collectors.joining());
        assertThat(text).isEqualTo("one two");
        assertThat(events.stream().filter(e -> e.completed().isPresent())).hasSize(1);
    }

    @Test
    void theSdkDrivesAFunctionCallRoundTripWithPreviousResponseIdOnly() {
        google.script().enqueue(Reply.builder().functionCall("call_s1", "get_weather", Map.of("city", "Lima"), "sig-sdk-1").build());
        com.openai.models.responses.FunctionTool weather = com.openai.models.responses.FunctionTool.builder().name("get_weather")
                .parameters(com.openai.models.responses.FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", com.openai.core.JsonValue.from("object")).build())
                .strict(false).build();
        Response first = openai.responses().create(ResponseCreateParams.builder().model("gemini-3-flash")
                .input("weather in Lima?").addTool(weather).build());
        var call = first.output().stream().flatMap(i -> i.functionCall().stream()).findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");

        google.script().enqueue(Reply.text("22C in Lima."));
        Response second = openai.responses().create(ResponseCreateParams.builder().model("gemini-3-flash")
                .previousResponseId(first.id()).addTool(weather)
                .inputOfResponse(List.of(com.openai.models.responses.ResponseInputItem.ofFunctionCallOutput(
                        com.openai.models.responses.ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId()).output("22C").build())))
                .build());
        assertThat(text(second)).isEqualTo("22C in Lima.");
        JsonNode contents = lastGenerate().json().at("/request/contents");
        assertThat(contents.get(0).toString()).contains("weather in Lima?");
        assertThat(contents.get(1).toString()).contains("\"thoughtSignature\":\"sig-sdk-1\"");
        assertThat(contents.get(2).toString()).contains("functionResponse", "\"name\":\"get_weather\"");
    }

    @Test
    void previousResponseIdRebuildsTheHistoryIncludingTheFunctionCallAndItsSignature() {
        google.script().enqueue(Reply.builder().functionCall("call_w1", "get_weather", Map.of("city", "Paris"), "sig-resp-1").build());
        String tools = "[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]";
        HttpResponse<String> first = post("{\"model\":\"gemini-3-flash\",\"input\":\"weather in Paris?\",\"tools\":" + tools + "}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode firstBody = json(first.body());
        JsonNode call = firstBody.path("output").findParent("call_id");
        assertThat(call.path("name").asText()).isEqualTo("get_weather");

        google.script().enqueue(Reply.text("18C in Paris."));
        HttpResponse<String> second = post("{\"model\":\"gemini-3-flash\",\"previous_response_id\":\"" + firstBody.path("id").asText()
                + "\",\"tools\":" + tools + ",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"" + call.path("call_id").asText()
                + "\",\"output\":\"18C\"}]}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Nexus-Responses-Compat")).contains("stored");
        JsonNode contents = lastGenerate().json().at("/request/contents");
        assertThat(contents.get(0).toString()).contains("weather in Paris?");
        assertThat(contents.get(1).toString()).contains("\"thoughtSignature\":\"sig-resp-1\"", "get_weather");
        assertThat(contents.get(2).toString()).contains("functionResponse", "\"name\":\"get_weather\"");
    }

    @Test
    void aStoredChainReplaysTheSignatureEvenAfterARestart() {
        google.script().enqueue(Reply.builder().functionCall("call_r1", "get_weather", Map.of("city", "Oslo"), "sig-restart-1").build());
        String tools = "[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}]";
        JsonNode first = json(post("{\"model\":\"gemini-3-flash\",\"input\":\"weather in Oslo?\",\"tools\":" + tools + "}").body());
        assertThat(first.toString()).doesNotContain("sig-restart-1");
        JsonNode call = first.path("output").findParent("call_id");
        nexus.stop();
        nexus.start();
        google.script().enqueue(Reply.text("-3C in Oslo."));
        HttpResponse<String> second = post("{\"model\":\"gemini-3-flash\",\"previous_response_id\":\"" + first.path("id").asText()
                + "\",\"tools\":" + tools + ",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\""
                + call.path("call_id").asText() + "\",\"output\":\"-3C\"}]}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(lastGenerate().json().at("/request/contents/1").toString()).contains("\"thoughtSignature\":\"sig-restart-1\"");
        assertThat(nexus.get("/v1/responses/" + first.path("id").asText(), "Authorization", "Bearer " + KEY).body())
                .doesNotContain("sig-restart-1");
    }

    @Test
    void resendingTheHistoryWithoutAPreviousIdWorksToo() {
        google.script().enqueue(Reply.builder().functionCall("call_h1", "get_weather", Map.of("city", "Rome"), "sig-hist-1").build());
        String tools = "[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}]";
        JsonNode first = json(post("{\"model\":\"gemini-3-flash\",\"store\":false,\"input\":\"weather in Rome?\",\"tools\":" + tools + "}").body());
        JsonNode call = first.path("output").findParent("call_id");
        google.script().enqueue(Reply.text("20C in Rome."));
        String history = "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"weather in Rome?\"}," + call
                + ",{\"type\":\"function_call_output\",\"call_id\":\"" + call.path("call_id").asText() + "\",\"output\":\"20C\"}]";
        HttpResponse<String> second = post("{\"model\":\"gemini-3-flash\",\"tools\":" + tools + ",\"input\":" + history + "}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Nexus-Responses-Compat")).isEmpty();
        JsonNode contents = lastGenerate().json().at("/request/contents");
        assertThat(contents.get(1).toString()).contains("\"thoughtSignature\":\"sig-hist-1\"");
        assertThat(contents.get(2).toString()).contains("functionResponse", "\"name\":\"get_weather\"");
    }

    @Test
    void anImageInputReachesCloudCodeAsInlineData() {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        HttpResponse<String> res = post("{\"model\":\"gemini-3-flash\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":["
                + "{\"type\":\"input_text\",\"text\":\"what is this?\"},{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,"
                + png + "\"}]}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(lastGenerate().json().at("/request/contents/0").toString()).contains("\"mimeType\":\"image/png\"", png);
    }

    @Test
    void storedResponsesCanBeReadAndDeletedAndUnknownIdsAre404() {
        HttpResponse<String> created = post("{\"model\":\"gemini-3-flash\",\"input\":\"hi\"}");
        String id = json(created.body()).path("id").asText();
        HttpResponse<String> read = nexus.get("/v1/responses/" + id, "Authorization", "Bearer " + KEY);
        assertThat(json(read.body()).path("id").asText()).isEqualTo(id);
        HttpResponse<String> deleted = nexus.send(nexus.request("/v1/responses/" + id).header("Authorization", "Bearer " + KEY)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));
        assertThat(json(deleted.body()).path("deleted").asBoolean()).isTrue();
        HttpResponse<String> gone = nexus.get("/v1/responses/" + id, "Authorization", "Bearer " + KEY);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone.body()).path("error").path("message").asText()).contains(id);
        assertThat(post("{\"model\":\"gemini-3-flash\",\"previous_response_id\":\"resp_nope\",\"input\":\"x\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void theSdkRetrievesAndDeletesAStoredResponse() {
        google.script().enqueue(Reply.text("kept"));
        Response created = openai.responses().create(ResponseCreateParams.builder().model("gemini-3-flash").input("hi").build());
        assertThat(text(openai.responses().retrieve(created.id()))).isEqualTo("kept");
        openai.responses().delete(created.id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> openai.responses().retrieve(created.id()))
                .isInstanceOf(com.openai.errors.NotFoundException.class);
    }

    /** A client key made with the CLI, as an operator hands one to each client, once the server accepts it. */
    private String createKey(String name) {
        NexusHarness.CliResult created = nexus.cli("keys", "create", "--name", name, "--json");
        assertThat(created.code()).as(created.err()).isZero();
        String key = created.json().path("key").asText();
        NexusHarness.awaitTrue(Duration.ofSeconds(5),
                () -> nexus.get("/v1/responses/resp_probe", "Authorization", "Bearer " + key).statusCode() != 401);
        return key;
    }

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(nexus.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }

    private long generateCalls() {
        return google.requests().stream().filter(r -> r.path().contains("enerateContent")).count();
    }

    /** The error message of a 404 with the id taken out, to compare answers for different ids. */
    private String notFound(HttpResponse<String> res, String id) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(404);
        return json(res.body()).path("error").path("message").asText().replace(id, "<id>");
    }

    @Test
    void anotherClientKeyCannotReadDeleteOrContinueAStoredResponseAndLearnsNothingOfIt() {
        String aliceKey = createKey("alice");
        String bobKey = createKey("bob");
        google.script().enqueue(Reply.text("alice's secret plan"));
        OpenAIClient alice = client(aliceKey);
        OpenAIClient bob = client(bobKey);
        try {
            Response created = alice.responses().create(ResponseCreateParams.builder().model("gemini-3-flash").input("plan").build());
            String id = created.id();
            long calls = generateCalls();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> bob.responses().retrieve(id))
                    .isInstanceOf(com.openai.errors.NotFoundException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> bob.responses().delete(id))
                    .isInstanceOf(com.openai.errors.NotFoundException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> bob.responses().create(ResponseCreateParams.builder()
                    .model("gemini-3-flash").previousResponseId(id).input("and then?").build()))
                    .isInstanceOf(com.openai.errors.NotFoundException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> openai.responses().retrieve(id))
                    .as("the environment key is a key of its own").isInstanceOf(com.openai.errors.NotFoundException.class);
            assertThat(generateCalls()).as("a refused previous_response_id calls no upstream").isEqualTo(calls);

            String unknown = notFound(nexus.get("/v1/responses/resp_nope", "Authorization", "Bearer " + bobKey), "resp_nope");
            assertThat(notFound(nexus.get("/v1/responses/" + id, "Authorization", "Bearer " + bobKey), id)).isEqualTo(unknown);
            assertThat(notFound(nexus.send(nexus.request("/v1/responses/" + id).header("Authorization", "Bearer " + bobKey)
                    .method("DELETE", HttpRequest.BodyPublishers.noBody())), id)).isEqualTo(unknown);
            assertThat(notFound(nexus.post("/v1/responses", "{\"model\":\"gemini-3-flash\",\"previous_response_id\":\"" + id
                    + "\",\"input\":\"x\"}", "Authorization", "Bearer " + bobKey), id)).isEqualTo(unknown);

            assertThat(text(alice.responses().retrieve(id))).as("still there for its owner").isEqualTo("alice's secret plan");
            google.script().enqueue(Reply.text("step two"));
            assertThat(text(alice.responses().create(ResponseCreateParams.builder().model("gemini-3-flash")
                    .previousResponseId(id).input("and then?").build()))).isEqualTo("step two");
            alice.responses().delete(id);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> alice.responses().retrieve(id))
                    .isInstanceOf(com.openai.errors.NotFoundException.class);
        } finally {
            alice.close();
            bob.close();
        }
    }

    @Test
    void responsesStoredBeforeTheirOwnersWereRecordedAreRefusedToEveryKey() throws Exception {
        Path old = dir.resolve("old");
        java.nio.file.Files.createDirectories(old);
        String db = "jdbc:sqlite:" + old.resolve("nexus.db");
        org.flywaydb.core.Flyway.configure().dataSource(db, null, null).locations("classpath:db/migration").target("4")
                .load().migrate();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db); java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO stored_responses (id, previous_id, model, created_at, expires_at, input_items, output_items,"
                    + " response) VALUES ('resp_legacy', NULL, 'gemini-3-flash', 0, " + Long.MAX_VALUE + ", '[]', '[]',"
                    + " '{\"id\":\"resp_legacy\"}')");
        }
        try (NexusHarness upgraded = new NexusHarness(old).env("NEXUS_API_KEY", KEY)) {
            String cliKey = upgraded.cli("keys", "create", "--name", "any", "--json").json().path("key").asText();
            upgraded.start();
            for (String key : List.of(KEY, cliKey)) {
                HttpResponse<String> res = upgraded.get("/v1/responses/resp_legacy", "Authorization", "Bearer " + key);
                assertThat(res.statusCode()).as(res.body()).isEqualTo(404);
            }
        }
    }

    @Test
    void encryptedReasoningIsDroppedWithANote() {
        HttpResponse<String> res = post("{\"model\":\"gemini-3-flash\",\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\","
                + "\"summary\":[],\"encrypted_content\":\"gAAAA-opaque\"},{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("X-Nexus-Route").orElseThrow()).contains("encrypted_content dropped");
        assertThat(lastGenerate().body()).doesNotContain("gAAAA-opaque");
    }

    @Test
    void storeFalseKeepsNothing() {
        HttpResponse<String> created = post("{\"model\":\"gemini-3-flash\",\"input\":\"hi\",\"store\":false}");
        String id = json(created.body()).path("id").asText();
        assertThat(nexus.get("/v1/responses/" + id, "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(404);
    }
}
