package dev.nexus.chat;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure to show the client, in the client's dialect.
 *
 * @param status the HTTP status the client should see (429, 400, 502, …)
 * @param kind what went wrong, independent of dialect
 * @param message what happened, naming the thing and the fix; upstream text kept (scrubbed of secrets)
 * @param retryAfter when a retry can succeed, if known (becomes {@code Retry-After})
 */
public record UpstreamError(int status, Kind kind, String message, Optional<Duration> retryAfter) {

    public enum Kind {
        INVALID_REQUEST,
        AUTHENTICATION,
        PERMISSION,
        NOT_FOUND,
        RATE_LIMITED,
        OVERLOADED,
        UPSTREAM,
        TIMEOUT,
        INTERNAL
    }

    /** The {@code Retry-After} header's value ({@link RetryAfter}), when a wait is known. */
    public Optional<String> retryAfterHeader() {
        return retryAfter.map(wait -> Long.toString(RetryAfter.seconds(wait)));
    }

    public static UpstreamError of(int status, Kind kind, String message) {
        return new UpstreamError(status, kind, message, Optional.empty());
    }
}
