package dev.nexus.provider.codex;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A ChatGPT account's Codex usage windows, from the {@code x-codex-*} headers of a backend answer: the primary
 * (short, e.g. 5 hours) and secondary (weekly) window, each {@code x-codex-<window>-used-percent},
 * {@code -window-minutes} and {@code -reset-at} (epoch seconds; older builds send {@code -reset-after-seconds}).
 *
 * @param primary empty when the answer did not say
 * @param secondary empty when the answer did not say
 */
public record CodexQuota(Optional<Window> primary, Optional<Window> secondary) {

    /**
     * @param usedPercent how much of the window is used, 0–100
     * @param windowMinutes the window's length
     * @param resetsAt when the window starts over
     */
    public record Window(double usedPercent, Optional<Integer> windowMinutes, Optional<Instant> resetsAt) {}

    /**
     * The quota the headers state; empty when they state none (an answer without {@code used-percent}).
     * Malformed values count as absent rather than failing the answer they came with.
     *
     * @param header a response header by name (case-insensitive lookups are the caller's)
     * @param now when the answer arrived, for a relative reset
     */
    public static Optional<CodexQuota> from(Function<String, Optional<String>> header, Instant now) {
        Optional<Window> primary = window("primary", header, now);
        Optional<Window> secondary = window("secondary", header, now);
        return primary.isEmpty() && secondary.isEmpty() ? Optional.empty() : Optional.of(new CodexQuota(primary, secondary));
    }

    private static Optional<Window> window(String name, Function<String, Optional<String>> header, Instant now) {
        String prefix = "x-codex-" + name + "-";
        Optional<Double> used = header.apply(prefix + "used-percent").flatMap(CodexQuota::number)
                .filter(v -> v >= 0 && !v.isInfinite());
        if (used.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> minutes = header.apply(prefix + "window-minutes").flatMap(CodexQuota::number)
                .filter(v -> v > 0 && v <= Integer.MAX_VALUE).map(Double::intValue);
        Optional<Instant> reset = header.apply(prefix + "reset-at").flatMap(CodexQuota::number)
                .map(v -> Instant.ofEpochSecond(v.longValue()))
                .or(() -> header.apply(prefix + "reset-after-seconds").flatMap(CodexQuota::number)
                        .filter(v -> v >= 0).map(v -> now.plus(Duration.ofSeconds(v.longValue()))));
        return Optional.of(new Window(used.get(), minutes, reset));
    }

    private static Optional<Double> number(String text) {
        try {
            double value = Double.parseDouble(text.trim().toLowerCase(Locale.ROOT));
            return Double.isNaN(value) ? Optional.empty() : Optional.of(value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
