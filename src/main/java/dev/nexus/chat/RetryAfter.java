package dev.nexus.chat;

import java.time.Duration;

/**
 * The one rule for a client's {@code Retry-After}: whole seconds, rounded up, at least 1. Rounding down would send a
 * client back a moment before the credential is free again, into another 429.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /** The wait in whole seconds, rounded up; a wait of zero or less still says 1. */
    public static long seconds(Duration wait) {
        return Math.max(1, Math.ceilDiv(wait.toMillis(), 1000));
    }
}
