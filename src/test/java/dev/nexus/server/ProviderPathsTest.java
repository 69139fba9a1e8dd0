package dev.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderPathsTest {
    @Test
    void aPathUnderAFirstSegmentOfItsOwnIsAProviderPath() {
        assertThat(ProviderPaths.provider("/openrouter/v1/chat/completions")).contains("openrouter");
        assertThat(ProviderPaths.provider("/nope/x")).contains("nope");
    }

    @Test
    void theServersOwnSegmentsAndSingleSegmentsAreNot() {
        for (String path : new String[] {"/v1/models", "/v1beta/models", "/genai/v1beta/models", "/anthropic/v1/messages",
                "/api/providers", "/auth/google/login", "/assets/app.js", "/monitor/history", "/healthz/x", "/favicon.ico",
                "/", "/openrouter/", "//v1/models", "relative/path"}) {
            assertThat(ProviderPaths.covers(path)).as(path).isFalse();
        }
    }
}
