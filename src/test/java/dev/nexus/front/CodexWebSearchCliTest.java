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
 * The real Codex CLI with live web search through Nexus: its {@code web_search} tool becomes Google Search grounding,
 * and the answer, written whole with a {@code web_search_call} item before the annotated message, is what Codex prints.
 * {@code NEXUS_TEST_CLI=required} turns a missing CLI into a failure.
 */
class CodexWebSearchCliTest {
    private static final String KEY = "sk-codex-search-test-01";
    private static final Path CODEX = Path.of("e2e/node_modules/.bin/codex").toAbsolutePath();
    @TempDir
    Path dir;

    @Test
    void codexWithWebSearchPrintsTheGroundedAnswer() throws Exception {
        if (!"required".equals(System.getenv("NEXUS_TEST_CLI"))) {
            assumeTrue(Files.isExecutable(CODEX), "Codex is not installed in e2e/ (run: npm ci --prefix e2e)");
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        Path work = Files.createDirectories(dir.resolve("work"));
        try (FakeGoogle google = FakeGoogle.start();
                NexusHarness nexus = new NexusHarness(Files.createDirectories(dir.resolve("nexus")))
                        .env("NEXUS_API_KEY", KEY).usingGoogle(google)) {
            google.addAccount("alice@example.com", "proj-alice");
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code())
                    .isZero();
            nexus.start();
            google.script().enqueue(Reply.builder().text("Café Lumière ", "opens at 8 h every day.")
                    .grounded(List.of("café Lumière opening hours"),
                            List.of(new Reply.Page("https://cafe-lumiere.example/hours", "cafe-lumiere.example")))
                    .cites("Café Lumière opens at 8 h every day.", 0).build());
            Files.writeString(home.resolve("config.toml"), """
                    model = "gemini-3-flash"
                    model_provider = "nexus"
                    web_search = "live"
                    [model_providers.nexus]
                    name = "Nexus"
                    base_url = "%s/v1"
                    env_key = "NEXUS_TEST_KEY"
                    wire_api = "responses"
                    """.formatted(nexus.baseUrl()));

            Map<String, String> env = new HashMap<>();
            env.put("HOME", home.toString());
            env.put("CODEX_HOME", home.toString());
            env.put("NEXUS_TEST_KEY", KEY);
            env.put("OPENAI_API_KEY", null);
            env.put("CODEX_API_KEY", null);
            CliProcess.Result result = CliProcess.run(List.of(CODEX.toString(), "exec", "--skip-git-repo-check",
                    "When does Café Lumière open?"), work, dir, env, Duration.ofSeconds(120));
            String out = result.assertSucceeded().out();
            assertThat(out).contains("Café Lumière opens at 8 h every day.");
            List<JsonNode> calls = google.requests(":streamGenerateContent").stream().map(RecordedRequest::json).toList();
            assertThat(calls).isNotEmpty();
            assertThat(calls.get(0).at("/request/tools").toString()).contains("googleSearch");
        }
    }
}
