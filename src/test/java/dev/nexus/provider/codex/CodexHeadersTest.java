package dev.nexus.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.secret.Secret;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodexHeadersTest {

    @Test
    void theCodexCliHeadersWithTheAccountAndTheSession() {
        assertThat(CodexHeaders.of(Secret.of("eyJ.access"), Optional.of("acc-1"), Optional.of("019b-session"))).containsExactly(
                Map.entry("Authorization", "Bearer eyJ.access"),
                Map.entry("ChatGPT-Account-ID", "acc-1"),
                Map.entry("Content-Type", "application/json"),
                Map.entry("Accept", "text/event-stream"),
                Map.entry("OpenAI-Beta", "responses=experimental"),
                Map.entry("originator", "codex_cli_rs"),
                Map.entry("User-Agent", "codex_cli_rs/0.94.0 (Mac OS 26.0.1; arm64)"),
                Map.entry("version", "0.94.0"),
                Map.entry("session_id", "019b-session"));
    }

    @Test
    void noAccountOrSessionMeansNoSuchHeader() {
        assertThat(CodexHeaders.of(Secret.of("t"), Optional.empty(), Optional.of(" ")))
                .extracting(Map.Entry::getKey).doesNotContain("ChatGPT-Account-ID", "session_id");
    }

    @Test
    void theUserAgentStartsWithTheOriginator() {
        assertThat(CodexHeaders.USER_AGENT).startsWith(CodexHeaders.ORIGINATOR + "/");
    }
}
