package dev.nexus.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.ApiKey;
import dev.nexus.account.ApiKeyRing;
import dev.nexus.account.Lease;
import dev.nexus.chat.RetryAfter;
import dev.nexus.chat.UpstreamError;
import dev.nexus.provider.GoogleFailures;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.RelayResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The key proxies' use of the gateway's {@link Failover} loop: a request is sent with each ready key of a ring in turn
 * until one answers with something other than 429. Only a 429 moves on (the Go original's rule: any other status,
 * even a 5xx, is the answer and is relayed as is); the limited key rests for that model until Google's hint, or
 * {@link GoogleFailures#DEFAULT_REST} without one. Nothing of an answer reaches the client before the loop has chosen
 * it, so switching keys is always safe.
 */
public final class KeyRelay {
    private final GoogleFailures failures;
    private final Clock clock;
    /** The proxies' transport throws {@code CallsInFlight.Cut} itself once shutdown cuts a call. */
    private final Failover failover;

    public KeyRelay(ObjectMapper json, Clock clock) {
        this(json, clock, AttemptEvents.NONE);
    }

    /** @param events told how each upstream call ended (the metrics) */
    public KeyRelay(ObjectMapper json, Clock clock, AttemptEvents events) {
        this.failures = new GoogleFailures(json, clock);
        this.clock = clock;
        this.failover = new Failover(Optional::empty, events);
    }

    /** One upstream call with a given key; the answer's body is left unread. */
    @FunctionalInterface
    public interface Send {
        RelayResponse send(ApiKey key) throws IOException;
    }

    /** How the loop ended. */
    public sealed interface Result {
        /** A key answered (any status but 429): relay {@code response} to the client, then close it. */
        record Served(ApiKey key, RelayResponse response) implements Result {}

        /**
         * Every key is rate limited or resting for the model.
         *
         * @param retryAfterSeconds seconds until {@code earliestReset} ({@link RetryAfter}): the client's {@code Retry-After}
         * @param lastMessage Google's message from the last 429 of this request ({@code ""} when every key was
         *     already resting and none was asked)
         */
        record AllLimited(Instant earliestReset, long retryAfterSeconds, String lastMessage) implements Result {}
    }

    /**
     * Tries the ring's ready keys for the model in order. Transport failures propagate unchanged: they say nothing
     * about the key, so the next key would fail the same way.
     *
     * @param model the model the request is for ({@code ""} for requests about no model, such as the model list)
     * @throws IllegalArgumentException when the ring has no keys (the caller answers "not configured" instead)
     */
    public Result relay(ApiKeyRing ring, String model, Send send) throws IOException {
        return relay(ring, model, send, new RouteTrace());
    }

    /** As {@link #relay(ApiKeyRing, String, Send)}, noting each key tried in {@code trace} (for the request monitor). */
    public Result relay(ApiKeyRing ring, String model, Send send, RouteTrace trace) throws IOException {
        if (ring.isEmpty()) {
            throw new IllegalArgumentException("the " + ring.provider() + " key ring is empty");
        }
        trace.clientModel(model);
        Answer answer = new Answer(send, model);
        Attempts attempts = Attempts.everyCredential(clock);
        Failover.Verdict verdict;
        try {
            verdict = failover.run(ring, new Failover.Ask(ring.provider(), model, Optional.empty(), Optional.empty(), trace, ""),
                    answer, attempts);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return switch (verdict) {
            case Failover.Verdict.Served served -> new Result.Served(answer.key, answer.response);
            case Failover.Verdict.Next next -> {
                Instant reset = attempts.earliestReset().orElseThrow();
                yield new Result.AllLimited(reset, RetryAfter.seconds(Duration.between(clock.instant(), reset)), answer.lastMessage);
            }
            case Failover.Verdict.Unavailable unavailable -> throw new IllegalStateException(
                    "the key relay's ring is never empty, yet had no key: " + unavailable.error().message());
            case Failover.Verdict.Failed failed -> throw new IllegalStateException(
                    "the key relay only sees answers and 429s, yet failed: " + failed.error().message());
        };
    }

    /** One request's calls: a 429 is a rate limit with Google's hint; any other answer is the one to relay. */
    private final class Answer implements Failover.Call<ApiKey> {
        private final Send send;
        private final String model;
        private ApiKey key;
        private RelayResponse response;
        private String lastMessage = "";

        Answer(Send send, String model) {
            this.send = send;
            this.model = model;
        }

        @Override
        public Outcome send(ApiKey credential, Lease lease) {
            try {
                RelayResponse answer = send.send(credential);
                if (answer.status() != 429) {
                    key = credential;
                    response = answer;
                    return Outcome.DONE;
                }
                String body = answer.errorBody();
                Duration wait = failures.rest(429, body, answer.header("retry-after"));
                lastMessage = failures.message(429, body);
                return new Outcome.RateLimited(clock.instant().plus(wait), new UpstreamError(429, UpstreamError.Kind.RATE_LIMITED,
                        lastMessage + " (model " + model + ")", Optional.of(wait)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
