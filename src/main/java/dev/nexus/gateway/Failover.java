package dev.nexus.gateway;

import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.Credential;
import dev.nexus.account.CredentialSource;
import dev.nexus.account.Lease;
import dev.nexus.chat.UpstreamError;
import dev.nexus.provider.Outcome;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failover loop, for every provider and kind of credential: one model's candidates in turn, each call's
 * {@link Outcome} deciding — and here only — whether to renew the token and retry, rest the (credential, model) and
 * move on, take the credential out of service, or end the request. The gateway runs it for each model of a route;
 * the key proxies run it over their ring.
 */
final class Failover {
    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

    private final Supplier<Optional<String>> cutReason;
    private final AttemptEvents events;

    /**
     * @param cutReason why shutdown cut the upstream calls, once it has: then nothing is retried
     * @param events told how each call ended and when the loop moves on (the metrics)
     */
    Failover(Supplier<Optional<String>> cutReason, AttemptEvents events) {
        this.cutReason = cutReason;
        this.events = events;
    }

    /**
     * One model on one provider.
     *
     * @param pinned the credential the client named, if any
     * @param session the conversation's key, for sticky credentials
     */
    record Ask(String provider, String model, Optional<String> pinned, Optional<String> session, RouteTrace trace,
            String requestId) {}

    /** One call with a leased credential. */
    @FunctionalInterface
    interface Call<C> {
        Outcome send(C credential, Lease lease);
    }

    /** How the loop ended for the model. */
    sealed interface Verdict {
        /** A credential answered in full. */
        record Served() implements Verdict {}

        /** The request is over: the client gets this error and nothing else is tried. */
        record Failed(UpstreamError error) implements Verdict {}

        /** No credential could serve; the route's next model (if any) may. */
        record Next() implements Verdict {}

        /**
         * The provider has no credential to offer at all (none linked, none active, none with the model); the route's
         * next provider (if any) may. {@code error} says why, for the client when nothing else serves.
         */
        record Unavailable(UpstreamError error) implements Verdict {}
    }

    <C extends Credential> Verdict run(CredentialSource<C> source, Ask ask, Call<C> call, Attempts attempts) {
        CredentialSource.Candidates<C> candidates;
        try {
            candidates = source.candidates(ask.model(), ask.pinned(), ask.session());
        } catch (AccountUnavailableException e) {
            // A credential the client named is theirs to fix; otherwise another provider of the route may serve.
            return ask.pinned().isPresent() ? new Verdict.Failed(unavailable(e)) : new Verdict.Unavailable(unavailable(e));
        }
        for (C credential : candidates.ready()) {
            if (attempts.exhausted()) {
                break;
            }
            Optional<Verdict> verdict = attempt(source, credential, candidates.pinned(), ask, call, attempts);
            if (verdict.isPresent()) {
                return verdict.get();
            }
        }
        candidates.earliestReset().ifPresent(attempts::earlier);
        return new Verdict.Next();
    }

    /** One credential: the verdict when the request is over, empty to try the next credential. */
    private <C extends Credential> Optional<Verdict> attempt(CredentialSource<C> source, C credential, boolean pinned, Ask ask,
            Call<C> call, Attempts attempts) {
        if (cutReason.get().isPresent()) {
            return failed(shutdown());
        }
        if (attempts.made() > 0) {
            // An earlier credential (of this model or an earlier hop of the route) failed and this one takes over.
            events.failedOver(ask.provider());
        }
        attempts.count();
        ask.trace().attempt(ask.provider(), ask.model(), credential.id(), credential.shown());
        Outcome outcome;
        try {
            Lease lease = source.lease(credential);
            outcome = call.send(credential, lease);
            if (outcome instanceof Outcome.AuthExpired) {
                // The token looked fresh but was refused: one renewal (shared with concurrent requests), one retry.
                Optional<Lease> renewed = source.refreshed(credential, lease);
                if (renewed.isPresent()) {
                    outcome = call.send(credential, renewed.get());
                }
            }
        } catch (AccountUnavailableException e) {
            events.attempted(ask.provider(), AttemptEvents.AttemptOutcome.NO_TOKEN);
            ask.trace().failed("token");
            attempts.failed(unavailable(e));
            return pinned ? failed(attempts.finalError()) : Optional.empty();
        }
        if (!(outcome instanceof Outcome.Done) && cutReason.get().isPresent()) {
            // Shutdown cut the call: whatever the provider made of it, the client learns why, and nothing is retried.
            return failed(shutdown());
        }
        events.attempted(ask.provider(), outcomeOf(outcome));
        switch (outcome) {
            case Outcome.Done done -> {
                source.served(credential, ask.session());
                return Optional.of(new Verdict.Served());
            }
            case Outcome.RateLimited limited -> {
                Instant until = source.coolDown(credential, limited.everyModel() ? CredentialSource.EVERY_MODEL : ask.model(),
                        limited.until());
                LOG.info("{} {} is rate limited for {} until {}; trying the next one", ask.provider(), credential.shown(),
                        limited.everyModel() ? "every model" : "model '" + ask.model() + "'", until);
                ask.trace().failed("429");
                attempts.rateLimited(limited.error(), until);
            }
            case Outcome.AccountUnusable unusable -> {
                source.markUnusable(credential, unusable.state(), unusable.reason());
                ask.trace().failed(String.valueOf(unusable.error().status()));
                attempts.failed(unusable.error());
            }
            case Outcome.Retryable retryable -> {
                ask.trace().failed(String.valueOf(retryable.error().status()));
                attempts.failed(retryable.error());
            }
            case Outcome.AuthExpired expired -> {
                source.authRefused(credential, expired.error().message());
                ask.trace().failed(String.valueOf(expired.error().status()));
                attempts.failed(expired.error());
            }
            case Outcome.Fatal fatal -> {
                if (fatal.error().status() == 404) {
                    source.modelMissing(credential, ask.model());
                }
                return failed(fatal.error());
            }
            case Outcome.Broken broken -> {
                LOG.warn("upstream failed mid-answer for request {}: {}", ask.requestId(), broken.error().message());
                return failed(broken.error());
            }
        }
        return pinned ? failed(outcome.error()) : Optional.empty();
    }

    private static AttemptEvents.AttemptOutcome outcomeOf(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Done done -> AttemptEvents.AttemptOutcome.SERVED;
            case Outcome.RateLimited limited -> AttemptEvents.AttemptOutcome.RATE_LIMITED;
            case Outcome.AccountUnusable unusable -> AttemptEvents.AttemptOutcome.UNUSABLE;
            case Outcome.Retryable retryable -> AttemptEvents.AttemptOutcome.RETRYABLE;
            case Outcome.AuthExpired expired -> AttemptEvents.AttemptOutcome.AUTH_EXPIRED;
            case Outcome.Fatal fatal -> AttemptEvents.AttemptOutcome.FATAL;
            case Outcome.Broken broken -> AttemptEvents.AttemptOutcome.BROKEN;
        };
    }

    /** Why no credential could be had, as {@link Outcome#unavailable} words it for every provider. */
    private static UpstreamError unavailable(AccountUnavailableException e) {
        return Outcome.unavailable(e).error();
    }

    private UpstreamError shutdown() {
        return UpstreamError.of(503, UpstreamError.Kind.OVERLOADED, cutReason.get().orElse("Nexus is shutting down"));
    }

    private static Optional<Verdict> failed(UpstreamError error) {
        return Optional.of(new Verdict.Failed(error));
    }
}
