package dev.nexus.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.account.ApiKey;
import dev.nexus.account.ApiKeyRing;
import dev.nexus.chat.RetryAfter;
import dev.nexus.provider.GoogleFailures;
import dev.nexus.provider.RelayResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover loop of the key proxies: sends a request with each ready key of a ring in turn until one answers
 * with something other than 429. Only a 429 moves on (the Go original's rule: any other status, even a 5xx, is the
 * answer and is relayed as is); the limited key rests for that model until Google's hint, or
 * {@link GoogleFailures#DEFAULT_REST} without one. Nothing of an answer reaches the client before the loop has chosen it, so
 * switching keys is always safe.
 */
public final class KeyRelay {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRelay.class);
    private final GoogleFailures failures;
    private final Clock clock;

    public KeyRelay(ObjectMapper json, Clock clock) {
        this.failures = new GoogleFailures(json, clock);
        this.clock = clock;
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
        ApiKeyRing.Candidates candidates = ring.candidates(model);
        Instant earliest = candidates.earliestReset().orElse(null);
        String lastMessage = "";
        trace.clientModel(model);
        for (ApiKey key : candidates.ready()) {
            trace.attempt(ring.provider(), model, "key" + (key.index() + 1), key.toString());
            RelayResponse response = send.send(key);
            if (response.status() != 429) {
                ring.served(key);
                return new Result.Served(key, response);
            }
            String body = response.errorBody();
            Duration wait = failures.rest(429, body, response.header("retry-after"));
            Instant until = ring.rateLimited(key, model, clock.instant().plus(wait));
            trace.failed("429");
            LOG.info("{} {} is rate limited for model '{}' until {}; trying the next key", ring.provider(), key, model, until);
            earliest = earliest == null || until.isBefore(earliest) ? until : earliest;
            lastMessage = failures.message(429, body);
        }
        Instant reset = Optional.ofNullable(earliest).orElseThrow();
        return new Result.AllLimited(reset, RetryAfter.seconds(Duration.between(clock.instant(), reset)), lastMessage);
    }
}
