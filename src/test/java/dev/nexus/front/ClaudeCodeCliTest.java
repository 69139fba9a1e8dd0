package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.FakeModel;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.CliProcess;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (npm {@code @anthropic-ai/claude-code}, installed into {@code e2e/} by {@code .ci/run})
 * against the real server and the fake Cloud Code: one tool round trip with the {@code Read} tool, its own model
 * names resolved to catalog models, and its WebSearch tool served by Google Search grounding. CI sets
 * {@code NEXUS_TEST_CLI=required}, so there a missing CLI fails instead of skipping.
 */
class ClaudeCodeCliTest {
    private static final String KEY = "sk-claude-code-test-01";
    private static final Path CLAUDE = Path.of("e2e/node_modules/.bin/claude").toAbsolutePath();
    @TempDir
    Path dir;

    @Test
    void claudeCodeReadsAFileThroughNexusAndPrintsTheAnswer() throws Exception {
        requireCli();
        Path work = Files.createDirectories(dir.resolve("work"));
        Path file = work.resolve("notes.txt");
        Files.writeString(file, "the secret word is pelican\n");

        try (FakeGoogle google = FakeGoogle.start(); NexusHarness nexus = nexus(google)) {
            google.script().enqueueForModel("claude-sonnet-4-5", Reply.builder()
                    .functionCall("toolu_read_1", "Read", Map.of("file_path", file.toString()), null).build());
            google.script().enqueueForModel("claude-sonnet-4-5", Reply.text("The file says: the secret word is pelican."));

            String out = CliProcess.run(List.of(CLAUDE.toString(), "-p", "What does notes.txt say?", "--model", "claude-sonnet-4-5",
                    "--allowedTools", "Read"), work, dir, env(nexus), Duration.ofSeconds(120)).assertSucceeded().out();
            assertThat(out).contains("the secret word is pelican");

            List<RecordedRequest> turns = google.requests(":streamGenerateContent").stream()
                    .filter(r -> r.json().path("model").asText().equals("claude-sonnet-4-5")).toList();
            assertThat(turns).hasSizeGreaterThanOrEqualTo(2);
            String secondTurn = turns.get(1).body();
            assertThat(secondTurn).contains("functionResponse", "\"name\":\"Read\"", "pelican");
        }
    }

    /**
     * Claude Code's own model names — its default ({@code claude-opus-4-8}) and a dated Haiku id — are not in the
     * catalog; the strict fake would answer 404 for them, so the answer shows Nexus resolved them to catalog models.
     */
    @Test
    void claudeCodeWithItsDefaultModelOrADatedHaikuIdIsAnsweredByCatalogModels() throws Exception {
        requireCli();
        Path work = Files.createDirectories(dir.resolve("work"));
        List<String> catalog = FakeModel.defaults().stream().map(FakeModel::id).toList();
        try (FakeGoogle google = FakeGoogle.start(); NexusHarness nexus = nexus(google)) {
            google.script().enqueue(Reply.text("Hello from the default model."));
            String byDefault = CliProcess.run(List.of(CLAUDE.toString(), "-p", "Say hello"), work, dir, env(nexus),
                    Duration.ofSeconds(120)).assertSucceeded().out();
            assertThat(byDefault).contains("Hello from the default model.");
            int defaultCalls = modelCalls(google).size();
            assertThat(modelCalls(google)).isNotEmpty().allSatisfy(r -> assertThat(r.json().path("model").asText()).isIn(catalog));
            assertThat(modelCalls(google)).anySatisfy(r -> assertThat(r.json().path("model").asText()).startsWith("claude-opus"));

            google.script().enqueue(Reply.text("Hello from haiku's stand-in."));
            String haiku = CliProcess.run(List.of(CLAUDE.toString(), "-p", "Say hello", "--model", "claude-haiku-4-5-20251001"), work,
                    dir, env(nexus), Duration.ofSeconds(120)).assertSucceeded().out();
            assertThat(haiku).contains("Hello from haiku's stand-in.");
            List<RecordedRequest> haikuCalls = modelCalls(google).subList(defaultCalls, modelCalls(google).size());
            assertThat(haikuCalls).isNotEmpty().allSatisfy(r -> assertThat(r.json().path("model").asText()).isIn(catalog));
        }
    }

    /**
     * Claude Code's WebSearch tool: it asks its model for a search with the {@code web_search_20250305} server tool
     * (forced by tool_choice), which Nexus sends as Google Search grounding, and reads the pages from the
     * {@code web_search_tool_result} block Nexus builds from what Google found.
     */
    @Test
    void claudeCodesWebSearchGetsThePagesGoogleFound() throws Exception {
        requireCli();
        Path work = Files.createDirectories(dir.resolve("work"));
        String model = "gemini-3-flash";
        try (FakeGoogle google = FakeGoogle.start(); NexusHarness nexus = nexus(google)) {
            // The main loop asks for WebSearch; the search call is answered with grounding; the main loop then answers.
            google.script().enqueueForModel(model, Reply.builder()
                    .functionCall("toolu_search_1", "WebSearch", Map.of("query", "café Lumière opening hours"), null).build());
            google.script().enqueueForModel(model, Reply.builder().text("Café Lumière opens at 8 h every day.")
                    .grounded(List.of("café Lumière opening hours"),
                            List.of(new Reply.Page("https://cafe-lumiere.example/hours", "cafe-lumiere.example")))
                    .cites("Café Lumière opens at 8 h every day.", 0).build());
            google.script().enqueueForModel(model, Reply.text("It opens at 8 (source: cafe-lumiere.example)."));

            String out = CliProcess.run(List.of(CLAUDE.toString(), "-p", "When does Café Lumière open? Search the web.",
                    "--model", model, "--allowedTools", "WebSearch"), work, dir, env(nexus), Duration.ofSeconds(120))
                    .assertSucceeded().out();
            assertThat(out).contains("It opens at 8");

            List<RecordedRequest> turns = google.requests(":streamGenerateContent").stream()
                    .filter(r -> r.json().path("model").asText().equals(model)).toList();
            assertThat(turns).hasSizeGreaterThanOrEqualTo(3);
            assertThat(turns.get(1).json().at("/request/tools").toString()).contains("googleSearch");
            // Only the WebSearch tool's own request offers search; the main loop's turns do not, so they stream as they
            // come (an Anthropic stream that offers search is written whole, with the search blocks first).
            assertThat(turns.get(0).json().at("/request/tools").toString()).doesNotContain("googleSearch");
            assertThat(turns.get(2).json().at("/request/tools").toString()).doesNotContain("googleSearch");
            // The tool result Claude Code sends back to its model lists the page Google found.
            assertThat(turns.get(2).body()).contains("functionResponse", "https://cafe-lumiere.example/hours");
        }
    }

    /** A started server with one account, alice, linked. */
    private NexusHarness nexus(FakeGoogle google) throws java.io.IOException {
        NexusHarness nexus = new NexusHarness(Files.createDirectories(dir.resolve("nexus"))).env("NEXUS_API_KEY", KEY).usingGoogle(google);
        google.addAccount("alice@example.com", "proj-alice");
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code())
                .isZero();
        return nexus.start();
    }

    /** Calls that ask Cloud Code for a model. */
    private static List<RecordedRequest> modelCalls(FakeGoogle google) {
        return google.requests().stream().filter(r -> r.path().endsWith(":generateContent")
                || r.path().endsWith(":streamGenerateContent") || r.path().endsWith(":countTokens")).toList();
    }

    private Map<String, String> env(NexusHarness nexus) throws java.io.IOException {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("ANTHROPIC_BASE_URL", nexus.baseUrl() + "/anthropic");
        env.put("ANTHROPIC_API_KEY", KEY);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("ANTHROPIC_AUTH_TOKEN", null);
        return env;
    }

    private static void requireCli() {
        if (!"required".equals(System.getenv("NEXUS_TEST_CLI"))) {
            assumeTrue(Files.isExecutable(CLAUDE), "Claude Code is not installed in e2e/ (run: npm ci --prefix e2e)");
        }
    }
}
