package dev.nexus.clientkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {

    @Test
    void globsMatchTheWholeModelNameCaseInsensitivelyAndEverythingElseLiterally() {
        KeyPolicy policy = KeyPolicy.UNLIMITED.withModels(List.of("gemini-*", "claude-sonnet-*", "gpt-4o", "*-mini"));
        assertThat(policy.allowsModel("gemini-2.5-pro")).isTrue();
        assertThat(policy.allowsModel("Claude-Sonnet-4-5")).isTrue();
        assertThat(policy.allowsModel("gpt-4o")).isTrue();
        assertThat(policy.allowsModel("o4-mini")).isTrue();
        assertThat(policy.allowsModel("gpt-4o-2024")).as("no glob, whole name").isFalse();
        assertThat(policy.allowsModel("claude-opus-4")).isFalse();
        assertThat(KeyPolicy.UNLIMITED.withModels(List.of("a.b")).allowsModel("axb")).as("a dot is a dot").isFalse();
        assertThat(KeyPolicy.UNLIMITED.allowsModel("anything")).isTrue();
    }

    @Test
    void limitsMustBePositiveAndPatternsPlain() {
        assertThatThrownBy(() -> KeyPolicy.UNLIMITED.withRequestsPerMinute(OptionalLong.of(0)))
                .hasMessageContaining("requests per minute").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> KeyPolicy.UNLIMITED.withModels(List.of("a,b"))).hasMessageContaining("without commas");
    }

    @Test
    void aKeyExpiresAtItsInstant() {
        KeyPolicy policy = KeyPolicy.UNLIMITED.withExpiresAt(Optional.of(Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(policy.expired(Instant.parse("2026-12-31T23:59:59Z"))).isFalse();
        assertThat(policy.expired(Instant.parse("2027-01-01T00:00:00Z"))).isTrue();
    }
}
