package dev.nexus.gateway;

import dev.nexus.chat.RetryAfter;
import dev.nexus.chat.UpstreamError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What the attempts of one request have used and learnt; decides the final error when all fail. */
final class Attempts {
    private final RetryPolicy policy;
    private final Clock clock;
    private final Instant deadline;
    private int made;
    private Optional<UpstreamError> lastError = Optional.empty();
    private Optional<Instant> earliestReset = Optional.empty();
    private boolean onlyRateLimits = true;

    Attempts(RetryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.deadline = clock.instant().plus(policy.deadline());
    }

    /** No bound but the credentials themselves: the key proxies try every key before answering 429. */
    static Attempts everyCredential(Clock clock) {
        return new Attempts(new RetryPolicy(Integer.MAX_VALUE, Duration.ofDays(365)), clock);
    }

    void count() {
        made++;
    }

    /** Calls made so far. */
    int made() {
        return made;
    }

    boolean exhausted() {
        return made >= policy.maxAttempts() || clock.instant().isAfter(deadline);
    }

    void failed(UpstreamError error) {
        lastError = Optional.of(error);
        onlyRateLimits = false;
    }

    /**
     * A provider of the route had no credential to offer. Its reason is the answer only when nothing was learnt
     * elsewhere: a provider whose credentials are resting still says when to come back.
     */
    void unavailable(UpstreamError error) {
        if (lastError.isEmpty()) {
            lastError = Optional.of(error);
        }
    }

    void rateLimited(UpstreamError error, Instant until) {
        lastError = Optional.of(error);
        earlier(until);
    }

    /** Credentials resting for the model, or just limited, still say when the model is available again. */
    void earlier(Instant until) {
        earliestReset = Optional.of(earliestReset.filter(e -> e.isBefore(until)).orElse(until));
    }

    Optional<Instant> earliestReset() {
        return earliestReset;
    }

    UpstreamError finalError() {
        if (onlyRateLimits && earliestReset.isPresent()) {
            Duration wait = Duration.between(clock.instant(), earliestReset.get());
            String detail = lastError.map(e -> " Last upstream answer: " + e.message()).orElse("");
            return new UpstreamError(429, UpstreamError.Kind.RATE_LIMITED, "every account is rate limited for this model"
                    + " (the earliest is available again in " + RetryAfter.seconds(wait) + " s)." + detail,
                    Optional.of(wait.isNegative() ? Duration.ZERO : wait));
        }
        return lastError.orElse(UpstreamError.of(503, UpstreamError.Kind.UPSTREAM,
                "no account could serve the request within " + policy.maxAttempts() + " attempts"));
    }
}
