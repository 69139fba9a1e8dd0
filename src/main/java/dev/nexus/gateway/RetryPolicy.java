package dev.nexus.gateway;

import java.time.Duration;

/**
 * Bounds on trying again before the client sees anything: at most {@code maxAttempts} upstream calls (token
 * refresh retries not counted) and no new attempt once {@code deadline} has passed since the request arrived.
 */
public record RetryPolicy(int maxAttempts, Duration deadline) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(90));
}
