package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.CodexReply;
import dev.nexus.fake.FakeChatGptAccount;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.FakeOpenAi;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.CliProcess;
import dev.nexus.testing.NexusHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex CLI (npm {@code @openai/codex}, installed into {@code e2e/} by {@code .ci/run}) with a custom provider
 * pointing at Nexus's {@code /v1} and {@code wire_api = "responses"}; the model is routed to the fake Cloud Code, or
 * to the fake Codex backend through a ChatGPT account.
 * CI sets {@code NEXUS_TEST_CLI=required}, so there a missing CLI fails instead of skipping.
 */
class CodexCliTest {
    private static final String KEY = "sk-codex-cli-test-01";
    private static final Path CODEX = Path.of("e2e/node_modules/.bin/codex").toAbsolutePath();
    @TempDir
    Path dir;

    @Test
    void codexExecPrintsTheAnswerItGotThroughNexus() throws Exception {
        requireCli();
        try (FakeGoogle google = FakeGoogle.start(); NexusHarness nexus = nexus(google)) {
            google.script().enqueue(Reply.text("Hello from the fake, via Nexus").repeat());
            String out = codexExec(nexus, "gemini-3-flash", "", "say hello");
            assertThat(out).contains("Hello from the fake, via Nexus");
            assertThat(google.requests(":streamGenerateContent")).isNotEmpty();
            // Codex offers its web_search tool in every request, even unconfigured: so a stream that offers search must
            // still stream its text as it comes (ResponsesStreamWriterTest), or no Codex answer would.
            assertThat(google.requests(":streamGenerateContent").get(0).json().at("/request/tools").toString())
                    .contains("googleSearch");
        }
    }

    /**
     * Live web search: Codex's {@code web_search} tool becomes Google Search grounding, and the answer, written whole
     * with a {@code web_search_call} item before the annotated message, is what Codex prints.
     */
    @Test
    void codexWithWebSearchPrintsTheGroundedAnswer() throws Exception {
        requireCli();
        try (FakeGoogle google = FakeGoogle.start(); NexusHarness nexus = nexus(google)) {
            google.script().enqueue(Reply.builder().text("Café Lumière ", "opens at 8 h every day.")
                    .grounded(List.of("café Lumière opening hours"),
                            List.of(new Reply.Page("https://cafe-lumiere.example/hours", "cafe-lumiere.example")))
                    .cites("Café Lumière opens at 8 h every day.", 0).build());
            String out = codexExec(nexus, "gemini-3-flash", "web_search = \"live\"\n", "When does Café Lumière open?");
            assertThat(out).contains("Café Lumière opens at 8 h every day.");
            List<JsonNode> calls = google.requests(":streamGenerateContent").stream().map(RecordedRequest::json).toList();
            assertThat(calls).isNotEmpty();
            assertThat(calls.get(0).at("/request/tools").toString()).contains("googleSearch");
        }
    }

    /** The Codex CLI through Nexus to a ChatGPT account: the model is routed to the fake Codex backend. */
    @Test
    void codexExecCompletesATurnOnAChatGptAccount() throws Exception {
        requireCli();
        try (FakeOpenAi chatgpt = FakeOpenAi.start(); NexusHarness nexus = nexus(chatgpt)) {
            chatgpt.script().enqueue(CodexReply.text("Hello from ", "ChatGPT, via Nexus").times(3));
            String out = codexExec(nexus, "gpt-5.2-codex", "", "say hello");
            assertThat(out).contains("Hello from ChatGPT, via Nexus");
            List<RecordedRequest> calls = chatgpt.requests("/codex/responses");
            assertThat(calls).isNotEmpty();
            assertThat(calls.get(0).header("chatgpt-account-id")).isEqualTo(chatgpt.account("coder@example.com").chatgptAccountId());
        }
    }

    /**
     * A tool loop: the backend asks Codex to run a command ({@code exec_command}), Codex runs it and sends the output
     * back through Nexus, and the backend's final answer is what Codex prints.
     */
    @Test
    void codexRunsTheCommandTheChatGptBackendAsksForAndSendsItsOutputBack() throws Exception {
        requireCli();
        try (FakeOpenAi chatgpt = FakeOpenAi.start(); NexusHarness nexus = nexus(chatgpt)) {
            chatgpt.script().enqueue(CodexReply.builder().functionCall("call_echo", "exec_command",
                    "{\"cmd\":\"echo nexus-tool-ok\"}").build());
            chatgpt.script().enqueue(CodexReply.text("The command said ", "nexus-tool-ok").times(3));
            String out = codexExec(nexus, "gpt-5.2-codex", "", "run echo");
            assertThat(out).contains("The command said nexus-tool-ok");
            List<RecordedRequest> calls = chatgpt.requests("/codex/responses");
            assertThat(calls.size()).isGreaterThanOrEqualTo(2);
            JsonNode output = calls.get(1).json().path("input").findParents("call_id").stream()
                    .filter(i -> i.path("type").asText().equals("function_call_output")).findFirst().orElseThrow();
            assertThat(output.path("call_id").asText()).isEqualTo("call_echo");
            assertThat(output.path("output").toString()).contains("nexus-tool-ok");
        }
    }

    /** A started server with one ChatGPT account, coder, imported from a Codex CLI auth.json. */
    private NexusHarness nexus(FakeOpenAi chatgpt) throws IOException {
        NexusHarness nexus = new NexusHarness(Files.createDirectories(dir.resolve("nexus"))).env("NEXUS_API_KEY", KEY)
                .env("NEXUS_OPENAI_TOKEN_URL", chatgpt.tokenUrl()).env("NEXUS_CODEX_BASE_URL", chatgpt.codexBaseUrl());
        FakeChatGptAccount coder = chatgpt.addAccount("coder@example.com", "plus");
        Path file = Files.createDirectories(dir.resolve("codex-login")).resolve("auth.json");
        Files.writeString(file, chatgpt.codexAuthJson(coder.email(), chatgpt.issueAccessToken(coder.email())));
        assertThat(nexus.cli("accounts", "import", "--file", file.toString()).code()).isZero();
        nexus.start();
        return nexus;
    }

    /** A started server with one account, alice, linked. */
    private NexusHarness nexus(FakeGoogle google) throws IOException {
        NexusHarness nexus = new NexusHarness(Files.createDirectories(dir.resolve("nexus"))).env("NEXUS_API_KEY", KEY)
                .usingGoogle(google);
        google.addAccount("alice@example.com", "proj-alice");
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code())
                .isZero();
        nexus.start();
        return nexus;
    }

    /** {@code codex exec} with a config that points at Nexus (plus {@code extraConfig} top-level keys); its stdout. */
    private String codexExec(NexusHarness nexus, String model, String extraConfig, String prompt)
            throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(home.resolve("config.toml"), """
                model = "%s"
                model_provider = "nexus"
                %s[model_providers.nexus]
                name = "Nexus"
                base_url = "%s/v1"
                env_key = "NEXUS_TEST_KEY"
                wire_api = "responses"
                """.formatted(model, extraConfig, nexus.baseUrl()));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("CODEX_HOME", home.toString());
        env.put("NEXUS_TEST_KEY", KEY);
        env.put("OPENAI_API_KEY", null);
        env.put("CODEX_API_KEY", null);
        return CliProcess.run(List.of(CODEX.toString(), "exec", "--skip-git-repo-check", prompt), work, dir, env,
                Duration.ofSeconds(120)).assertSucceeded().out();
    }

    private static void requireCli() {
        if (!"required".equals(System.getenv("NEXUS_TEST_CLI"))) {
            assumeTrue(Files.isExecutable(CODEX), "Codex is not installed in e2e/ (run: npm ci --prefix e2e)");
        }
    }
}
