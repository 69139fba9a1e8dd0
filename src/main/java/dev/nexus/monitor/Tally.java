package dev.nexus.monitor;

/**
 * Counts for one bucket, account, model or key.
 *
 * @param errors requests that failed (4xx/5xx, or an error after the answer had started)
 */
public record Tally(String name, long requests, long errors, long inputTokens, long outputTokens) {
    public static Tally zero(String name) {
        return new Tally(name, 0, 0, 0, 0);
    }
}
