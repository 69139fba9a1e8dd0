package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexus.fake.FakeGoogle;
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
 * The real Codex CLI (npm {@code @openai/codex}, installed into {@code e2e/} by {@code .ci/run}) with a custom provider
 * pointing at Nexus's {@code /v1} and {@code wire_api = "responses"}; the model is routed to the fake Cloud Code.
 * CI sets {@code NEXUS_TEST_CLI=required}, so there a missing CLI fails instead of skipping.
 */
class CodexCliTest {
    private static final String KEY = "sk-codex-cli-test-01";
    private static final Path CODEX = Path.of("e2e/node_modules/.bin/codex").toAbsolutePath();
    @TempDir
    Path dir;

    @Test
    void codexExecPrintsTheAnswerItGotThroughNexus() throws Exception {
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
            google.script().enqueue(Reply.text("Hello from the fake, via Nexus").repeat());
            Files.writeString(home.resolve("config.toml"), """
                    model = "gemini-3-flash"
                    model_provider = "nexus"
                    [model_providers.nexus]
                    name = "Nexus"
                    base_url = "%s/v1"
                    env_key = "NEXUS_TEST_KEY"
                    wire_api = "responses"
                    """.formatted(nexus.baseUrl()));

            Map<String, String> env = new java.util.HashMap<>();
            env.put("HOME", home.toString());
            env.put("CODEX_HOME", home.toString());
            env.put("NEXUS_TEST_KEY", KEY);
            env.put("OPENAI_API_KEY", null);
            env.put("CODEX_API_KEY", null);
            String out = CliProcess.run(List.of(CODEX.toString(), "exec", "--skip-git-repo-check", "say hello"), work, dir, env,
                    Duration.ofSeconds(120)).assertSucceeded().out();
            assertThat(out).contains("Hello from the fake, via Nexus");
            assertThat(google.requests(":streamGenerateContent")).isNotEmpty();
        }
    }
}
