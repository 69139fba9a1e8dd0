package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.CodexReply;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.fake.FakeModel;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.CliProcess;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Gemini CLI (npm {@code @google/gemini-cli}, installed into {@code e2e/} by {@code .ci/run}) in API-key mode
 * with {@code GOOGLE_GEMINI_BASE_URL} at Nexus's {@code /genai} and the Nexus key as {@code GEMINI_API_KEY}, answered
 * through the account pool by the fake Cloud Code. CI sets {@code NEXUS_TEST_CLI=required}, so there a missing CLI
 * fails instead of skipping.
 */
class GeminiCliTest {
    private static final String KEY = "sk-gemini-cli-test-01";
    /**
     * A model the CLI sends as given: it rewrites its own aliases, e.g. {@code -m gemini-3-flash} arrives as
     * {@code gemini-3.8-flash} in API-key mode.
     */
    private static final String MODEL = "gemini-3-pro-high";
    private static final Path GEMINI = Path.of("e2e/node_modules/.bin/gemini").toAbsolutePath();
    @TempDir
    Path dir;

    @Test
    void geminiPrintsTheAnswerItGotThroughNexus() throws Exception {
        requireCli();
        try (FakeGoogle google = FakeGoogle.start(); NexusHarness nexus = nexus(google)) {
            google.script().enqueueForModel(MODEL, Reply.text("Hello from the fake ", "Cloud Code, ", "via Nexus."));

            CliProcess.Result run = gemini(nexus, Files.createDirectories(dir.resolve("work")), "-p", "Say hello", "-m", MODEL);
            run.assertSucceeded();
            // The chunks are deltas: printed once each, joined, not repeated.
            assertThat(run.out()).containsOnlyOnce("Hello from the fake Cloud Code, via Nexus.");

            List<RecordedRequest> turns = google.requests(":streamGenerateContent");
            assertThat(turns).hasSize(1);
            RecordedRequest turn = turns.get(0);
            assertThat(turn.queryParam("alt")).isEqualTo("sse");
            JsonNode sent = turn.json();
            assertThat(sent.path("model").asText()).isEqualTo(MODEL);
            assertThat(sent.path("project").asText()).isEqualTo("proj-alice");
            JsonNode contents = sent.at("/request/contents");
            assertThat(contents.get(contents.size() - 1).path("parts").toString()).contains("\"text\":\"Say hello\"");
            assertThat(sent.at("/request/systemInstruction/parts/0/text").asText()).startsWith("You are Gemini CLI");
            assertThat(declaredTools(sent)).contains("read_file", "list_directory");
            assertThat(google.requests(":generateContent")).as("no router classifier call with -m").isEmpty();
            assertKeyStayedHere(google);
        }
    }

    @Test
    void geminiReadsAFileWithItsToolAndSendsTheResultBack() throws Exception {
        requireCli();
        Path work = Files.createDirectories(dir.resolve("work"));
        Path file = work.resolve("notes.txt");
        Files.writeString(file, "the secret word is pelican\n");
        try (FakeGoogle google = FakeGoogle.start(); NexusHarness nexus = nexus(google)) {
            google.script().enqueueForModel(MODEL, Reply.builder()
                    .functionCall("read_file", Map.of("file_path", file.toString())).build());
            google.script().enqueueForModel(MODEL, Reply.text("The file says: ", "the secret word is pelican."));

            CliProcess.Result run = gemini(nexus, work, "-p", "What does notes.txt say?", "-m", MODEL);
            run.assertSucceeded();
            assertThat(run.out()).contains("The file says: the secret word is pelican.");

            List<RecordedRequest> turns = google.requests(":streamGenerateContent");
            assertThat(turns).hasSize(2);
            JsonNode contents = turns.get(1).json().at("/request/contents");
            JsonNode call = contents.get(contents.size() - 2);
            JsonNode result = contents.get(contents.size() - 1);
            assertThat(call.path("role").asText()).isEqualTo("model");
            assertThat(call.at("/parts/0/functionCall/name").asText()).isEqualTo("read_file");
            assertThat(result.path("role").asText()).isEqualTo("user");
            assertThat(result.at("/parts/0/functionResponse/name").asText()).isEqualTo("read_file");
            assertThat(result.at("/parts/0/functionResponse/response").toString()).contains("the secret word is pelican");
            assertKeyStayedHere(google);
        }
    }

    @Test
    void withoutAModelTheRouterClassifierAlsoGoesThroughNexus() throws Exception {
        requireCli();
        try (FakeGoogle google = FakeGoogle.start(); NexusHarness nexus = nexus(google)) {
            // The CLI first asks a flash-lite model, unary and in JSON mode, how complex the prompt is, then streams the
            // turn from the model it picked; a classifier answer that is not JSON would make it retry until killed.
            google.script().enqueue(Reply.text("{\"complexity_reasoning\":\"a greeting\",\"complexity_score\":5}"));
            google.script().enqueue(Reply.text("Auto-routed ", "hello."));

            CliProcess.Result run = gemini(nexus, Files.createDirectories(dir.resolve("work")), "-p", "Say hello");
            run.assertSucceeded();
            assertThat(run.out()).containsOnlyOnce("Auto-routed hello.");

            List<RecordedRequest> classifier = google.requests(":generateContent");
            assertThat(classifier).hasSize(1);
            JsonNode config = classifier.get(0).json().at("/request/generationConfig");
            assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
            assertThat(config.at("/responseJsonSchema/properties").has("complexity_score")).isTrue();
            List<RecordedRequest> turns = google.requests(":streamGenerateContent");
            assertThat(turns).hasSize(1);
            assertThat(turns.get(0).json().at("/request/contents").toString()).contains("Say hello");
            // The CLI's auto-mode names (e.g. gemini-3.5-flash-lite) are not in the catalog: each call names one that is.
            List<String> catalog = FakeModel.defaults().stream().map(FakeModel::id).toList();
            assertThat(google.requests()).filteredOn(r -> r.path().contains("enerateContent")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.json().path("model").asText()).isIn(catalog));
            assertThat(classifier.get(0).json().path("model").asText()).isEqualTo("gemini-2.5-flash-lite");
            assertKeyStayedHere(google);
        }
    }

    @Test
    void geminiOnAChatGptModelRunsItsToolLoopThroughCodex() throws Exception {
        requireCli();
        Path work = Files.createDirectories(dir.resolve("work"));
        Path file = work.resolve("notes.txt");
        Files.writeString(file, "the secret word is heron\n");
        try (FakeOpenAi chatgpt = FakeOpenAi.start();
                NexusHarness nexus = new NexusHarness(Files.createDirectories(dir.resolve("nexus"))).env("NEXUS_API_KEY", KEY)
                        .env("NEXUS_OPENAI_TOKEN_URL", chatgpt.tokenUrl()).env("NEXUS_CODEX_BASE_URL", chatgpt.codexBaseUrl())) {
            FakeChatGptAccount coder = chatgpt.addAccount("coder@example.com", "plus");
            Path auth = Files.createDirectories(dir.resolve("codex-home")).resolve("auth.json");
            Files.writeString(auth, chatgpt.codexAuthJson(coder.email(), chatgpt.issueAccessToken(coder.email())));
            assertThat(nexus.cli("accounts", "import", "--file", auth.toString()).code()).isZero();
            nexus.start();
            chatgpt.script().enqueue(CodexReply.builder().reasoning("read it first")
                    .functionCall("call_read", "read_file", "{\"file_path\":\"" + file + "\"}").build());
            chatgpt.script().enqueue(CodexReply.text("The file says: ", "the secret word is heron."));

            CliProcess.Result run = gemini(nexus, work, "-p", "What does notes.txt say?", "-m", "gpt-5.2-codex");
            run.assertSucceeded();
            assertThat(run.out()).containsOnlyOnce("The file says: the secret word is heron.");

            List<RecordedRequest> turns = chatgpt.requests("/codex/responses");
            assertThat(turns).hasSize(2);
            assertThat(turns.get(0).json().path("instructions").asText()).startsWith("You are Gemini CLI");
            List<String> tools = new ArrayList<>();
            turns.get(0).json().path("tools").forEach(t -> tools.add(t.path("name").asText()));
            assertThat(tools).contains("read_file");
            JsonNode input = turns.get(1).json().path("input");
            JsonNode output = input.get(input.size() - 1);
            assertThat(output.path("type").asText()).isEqualTo("function_call_output");
            assertThat(output.path("call_id").asText()).isEqualTo("call_read");
            assertThat(output.path("output").asText()).contains("the secret word is heron");
            assertThat(input.toString()).contains("\"type\":\"reasoning\"");
            assertThat(chatgpt.requests()).allSatisfy(r -> assertThat(r.headers().toString() + r.body()).doesNotContain(KEY));
        }
    }

    /** Every upstream call carried the account's OAuth token; the client's Nexus key went nowhere past Nexus. */
    private static void assertKeyStayedHere(FakeGoogle google) {
        assertThat(google.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("x-goog-api-key")).isNull();
            assertThat(r.headers().toString()).doesNotContain(KEY);
            assertThat(r.body()).doesNotContain(KEY);
            assertThat(r.query() == null ? "" : r.query()).doesNotContain(KEY);
        });
        assertThat(google.requests()).filteredOn(r -> r.path().startsWith("/v1internal:"))
                .allSatisfy(r -> assertThat(r.header("authorization")).startsWith("Bearer ya29."));
    }

    private static List<String> declaredTools(JsonNode sent) {
        List<String> names = new ArrayList<>();
        sent.at("/request/tools").forEach(tool -> tool.path("functionDeclarations").forEach(f -> names.add(f.path("name").asText())));
        return names;
    }

    private void requireCli() {
        if (!"required".equals(System.getenv("NEXUS_TEST_CLI"))) {
            assumeTrue(Files.isExecutable(GEMINI), "the Gemini CLI is not installed in e2e/ (run: npm ci --prefix e2e)");
        }
    }

    private NexusHarness nexus(FakeGoogle google) throws Exception {
        NexusHarness nexus = new NexusHarness(Files.createDirectories(dir.resolve("nexus"))).env("NEXUS_API_KEY", KEY).usingGoogle(google);
        google.addAccount("alice@example.com", "proj-alice");
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code())
                .isZero();
        return nexus.start();
    }

    /**
     * Runs {@code gemini <args>} in {@code work} with its own HOME: API-key auth selected in
     * settings.json (otherwise a base URL alone selects the "gateway" auth type, which the CLI then rejects), the
     * workspace trusted, no stdin.
     */
    private CliProcess.Result gemini(NexusHarness nexus, Path work, String... args) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path settings = Files.createDirectories(home.resolve(".gemini")).resolve("settings.json");
        Files.writeString(settings, """
                {
                  "security": { "auth": { "selectedType": "gemini-api-key" } },
                  "general": { "disableAutoUpdate": true, "disableUpdateNag": true },
                  "privacy": { "usageStatisticsEnabled": false },
                  "telemetry": { "enabled": false }
                }
                """);
        List<String> command = new ArrayList<>(List.of(GEMINI.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HOME", home.toString());
        env.put("GEMINI_API_KEY", KEY);
        env.put("GOOGLE_GEMINI_BASE_URL", nexus.baseUrl() + "/genai");
        env.put("GEMINI_CLI_TRUST_WORKSPACE", "true");
        env.put("NO_COLOR", "1");
        for (String name : List.of("GOOGLE_API_KEY", "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA", "GOOGLE_CLOUD_PROJECT",
                "GOOGLE_CLOUD_ACCESS_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS", "CODE_ASSIST_ENDPOINT", "GEMINI_MODEL")) {
            env.put(name, null);
        }
        return CliProcess.run(command, work, dir, env, Duration.ofSeconds(120));
    }
}
