package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.testing.CliProcess;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI's WebSearch tool through Nexus: Claude Code asks its model for a search with the
 * {@code web_search_20250305} server tool, and reads the pages from the {@code web_search_tool_result} block Nexus
 * builds from Google Search grounding. {@code NEXUS_TEST_CLI=required} turns a missing CLI into a failure.
 */
class ClaudeCodeWebSearchCliTest {
    private static final String KEY = "sk-claude-code-search-01";
    private static final String MODEL = "gemini-3-flash";
    private static final Path CLAUDE = Path.of("e2e/node_modules/.bin/claude").toAbsolutePath();
    @TempDir
    Path dir;

    @Test
    void claudeCodesWebSearchGetsThePagesGoogleFound() throws Exception {
        if (!"required".equals(System.getenv("NEXUS_TEST_CLI"))) {
            assumeTrue(Files.isExecutable(CLAUDE), "Claude Code is not installed in e2e/ (run: npm ci --prefix e2e)");
        }
        Path work = Files.createDirectories(dir.resolve("work"));
        try (FakeGoogle google = FakeGoogle.start();
                NexusHarness nexus = new NexusHarness(dir.resolve("nexus")).env("NEXUS_API_KEY", KEY).usingGoogle(google)) {
            Files.createDirectories(dir.resolve("nexus"));
            google.addAccount("alice@example.com", "proj-alice");
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code())
                    .isZero();
            nexus.start();
            // The main loop asks for WebSearch; the search call is answered with grounding; the main loop then answers.
            google.script().enqueueForModel(MODEL, Reply.builder()
                    .functionCall("toolu_search_1", "WebSearch", Map.of("query", "café Lumière opening hours"), null).build());
            google.script().enqueueForModel(MODEL, Reply.builder().text("Café Lumière opens at 8 h every day.")
                    .grounded(List.of("café Lumière opening hours"),
                            List.of(new Reply.Page("https://cafe-lumiere.example/hours", "cafe-lumiere.example")))
                    .cites("Café Lumière opens at 8 h every day.", 0).build());
            google.script().enqueueForModel(MODEL, Reply.text("It opens at 8 (source: cafe-lumiere.example)."));

            Map<String, String> env = new HashMap<>();
            env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
            env.put("ANTHROPIC_BASE_URL", nexus.baseUrl() + "/anthropic");
            env.put("ANTHROPIC_API_KEY", KEY);
            env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
            env.put("DISABLE_AUTOUPDATER", "1");
            env.put("ANTHROPIC_AUTH_TOKEN", null);
            String out = CliProcess.run(List.of(CLAUDE.toString(), "-p", "When does Café Lumière open? Search the web.",
                    "--model", MODEL, "--allowedTools", "WebSearch"), work, dir, env, Duration.ofSeconds(120)).assertSucceeded().out();
            assertThat(out).contains("It opens at 8");

            List<JsonNode> turns = google.requests(":streamGenerateContent").stream().map(RecordedRequest::json)
                    .filter(r -> r.path("model").asText().equals(MODEL)).toList();
            assertThat(turns).hasSizeGreaterThanOrEqualTo(3);
            assertThat(turns.get(1).at("/request/tools").toString()).contains("googleSearch");
            // The tool result Claude Code sends back to its model lists the page Google found.
            assertThat(turns.get(2).toString()).contains("functionResponse", "https://cafe-lumiere.example/hours");
        }
    }
}
