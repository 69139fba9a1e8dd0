package dev.nexus.fake;

import java.time.Duration;
import java.time.Instant;

/**
 * One ChatGPT account's Codex usage windows, as the backend reports them in {@code x-codex-primary-*} (the 5-hour
 * window) and {@code x-codex-secondary-*} (the weekly one) on every answer; {@code limitedUntil} set means every call
 * gets 429 {@code usage_limit_reached} until then.
 */
record CodexUsage(double primaryUsedPercent, double secondaryUsedPercent, Instant primaryResetAt, Instant secondaryResetAt,
        Instant limitedUntil) {
    static final Duration PRIMARY_WINDOW = Duration.ofHours(5);
    static final Duration SECONDARY_WINDOW = Duration.ofDays(7);

    static CodexUsage fresh(Instant now) {
        return new CodexUsage(0, 0, now.plus(PRIMARY_WINDOW), now.plus(SECONDARY_WINDOW), null);
    }

    CodexUsage withUsed(double primary, double secondary) {
        return new CodexUsage(primary, secondary, primaryResetAt, secondaryResetAt, limitedUntil);
    }

    /** The primary window is used up until {@code until}, which is also when it resets. */
    CodexUsage limited(Instant until) {
        return new CodexUsage(100, secondaryUsedPercent, until, secondaryResetAt, until);
    }

    CodexUsage lifted() {
        return new CodexUsage(primaryUsedPercent, secondaryUsedPercent, primaryResetAt, secondaryResetAt, null);
    }

    boolean limitedAt(Instant now) {
        return limitedUntil != null && now.isBefore(limitedUntil);
    }
}
