package dev.nexus.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodexQuotaTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Optional<CodexQuota> parse(Map<String, String> headers) {
        return CodexQuota.from(name -> Optional.ofNullable(headers.get(name)), NOW);
    }

    @Test
    void bothWindowsWithTheirLengthAndReset() {
        assertThat(parse(Map.of(
                "x-codex-primary-used-percent", "42.5",
                "x-codex-primary-window-minutes", "300",
                "x-codex-primary-reset-at", "1767229200",
                "x-codex-secondary-used-percent", "7",
                "x-codex-secondary-window-minutes", "10080",
                "x-codex-secondary-reset-at", "1767830400"))).contains(new CodexQuota(
                Optional.of(new CodexQuota.Window(42.5, Optional.of(300), Optional.of(Instant.ofEpochSecond(1767229200)))),
                Optional.of(new CodexQuota.Window(7, Optional.of(10080), Optional.of(Instant.ofEpochSecond(1767830400))))));
    }

    @Test
    void aResetGivenAsSecondsIsCountedFromNow() {
        assertThat(parse(Map.of("x-codex-primary-used-percent", "100", "x-codex-primary-reset-after-seconds", "90")))
                .map(CodexQuota::primary).flatMap(w -> w).map(CodexQuota.Window::resetsAt)
                .contains(Optional.of(NOW.plusSeconds(90)));
    }

    @Test
    void noUsedPercentIsNoWindowAndNoHeadersNoQuota() {
        assertThat(parse(Map.of())).isEmpty();
        assertThat(parse(Map.of("x-codex-primary-window-minutes", "300"))).isEmpty();
        assertThat(parse(Map.of("x-codex-secondary-used-percent", "3"))).hasValueSatisfying(q -> {
            assertThat(q.primary()).isEmpty();
            assertThat(q.secondary()).isPresent();
        });
    }

    @Test
    void malformedValuesCountAsAbsent() {
        assertThat(parse(Map.of("x-codex-primary-used-percent", "lots"))).isEmpty();
        assertThat(parse(Map.of("x-codex-primary-used-percent", "NaN"))).isEmpty();
        assertThat(parse(Map.of("x-codex-primary-used-percent", "10", "x-codex-primary-window-minutes", "-5",
                "x-codex-primary-reset-at", "soon"))).hasValueSatisfying(q ->
                assertThat(q.primary()).contains(new CodexQuota.Window(10, Optional.empty(), Optional.empty())));
    }
}
