package dev.nexus.gateway;

import dev.nexus.account.Account;
import dev.nexus.account.AccountPool;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.ApiKey;
import dev.nexus.account.ApiKeyRing;
import dev.nexus.account.Lease;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.RetryAfter;
import dev.nexus.chat.UpstreamError;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.GeminiCall;
import dev.nexus.provider.GeminiRelay;
import dev.nexus.provider.GeminiSink;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import dev.nexus.secret.Masks;
import dev.nexus.upstream.CallsInFlight;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that routes, picks accounts, calls providers and decides — here and nowhere else — what a
 * failure means: refresh the token and retry, rest the (account, model) and fail over to the next account, move on
 * to the route's fallback model, or give the client an error. Every request ends with the client sink having
 * received either the full answer or exactly one {@link ChatEvent.Failure}.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final ModelResolver resolver;
    private final ModelCatalog catalog;
    private final AccountPool pool;
    private final Map<String, Provider> providers;
    private final Map<String, ApiKeyRing> keyRings;
    private final ToolSignatures signatures;
    private final ProviderPolicy providerPolicy;
    private final RetryPolicy policy;
    private final RequestLimits limits;
    private final CallsInFlight calls;
    private final Clock clock;

    /**
     * @param keyRings the server-side API keys of key-based providers ({@code gemini}, {@code vertex}) by provider id;
     *     every other provider is served by the account pool
     * @param calls the upstream calls in flight: once shutdown cuts them, nothing is retried and the client is told why
     */
    public Gateway(ModelResolver resolver, ModelCatalog catalog, AccountPool pool, Map<String, Provider> providers,
            Map<String, ApiKeyRing> keyRings, ToolSignatures signatures, ProviderPolicy providerPolicy, RetryPolicy policy,
            RequestLimits limits, CallsInFlight calls, Clock clock) {
        this.resolver = resolver;
        this.catalog = catalog;
        this.providerPolicy = providerPolicy;
        this.pool = pool;
        this.providers = Map.copyOf(providers);
        this.keyRings = Map.copyOf(keyRings);
        this.signatures = signatures;
        this.policy = policy;
        this.limits = limits;
        this.calls = calls;
        this.clock = clock;
    }

    /**
     * A chat request in the canonical model: answered as events into {@code client}, ending in a finish or one failure.
     *
     * @throws RequestLimitException before anything is sent, when the request is over the {@link RequestLimits}
     */
    public void handle(ChatRequest request, RequestContext ctx, EventSink client) {
        limits.check(request);
        EventSink sink = signatures.recording(client);
        run(request.model(), ThinkingAsked.by(request), SessionKeys.of(request), ctx, new Errand() {
            @Override
            public Leg leg(Provider provider, String model) {
                ChatRequest upstream = signatures.restore(request.withModel(model));
                return new Leg(provider.limitations(upstream), credentials -> provider.call(upstream, credentials, ctx.requestId(), sink));
            }

            @Override
            public void fail(UpstreamError error) {
                sink.accept(new ChatEvent.Failure(error));
            }
        });
    }

    /**
     * A request in Google's wire format for {@code clientModel}, relayed as it is to a provider that can take it
     * (the GenAI surface). Routing, accounts and failover are the same as for {@link #handle}.
     *
     * @throws RequestLimitException before anything is sent, when the request is over the {@link RequestLimits}
     */
    public void relay(GeminiCall call, String clientModel, RequestContext ctx, GeminiSink client) {
        limits.checkGenAi(call.body());
        run(clientModel, ThinkingAsked.by(call.body()), SessionKeys.ofGemini(call.body()), ctx, new Errand() {
            @Override
            public Leg leg(Provider provider, String model) {
                if (!(provider instanceof GeminiRelay relay)) {
                    UpstreamError error = UpstreamError.of(422, UpstreamError.Kind.INVALID_REQUEST, "provider '" + provider.id()
                            + "' cannot answer Google GenAI requests (route model '" + clientModel + "' to google, gemini or vertex)");
                    return new Leg(List.of(), credentials -> new Outcome.Fatal(error));
                }
                // Each attempt gets its own copy: providers adjust the body for their target model.
                return new Leg(List.of(), credentials -> relay.relay(new GeminiCall(call.body().deepCopy(), call.action()), model,
                        credentials, ctx.requestId(), client));
            }

            @Override
            public void fail(UpstreamError error) {
                client.fail(error);
            }
        });
    }

    /** What one kind of request sends for a model, and how its failure reaches the client. */
    private interface Errand {
        Leg leg(Provider provider, String model);

        void fail(UpstreamError error);
    }

    /** The request as it goes to one provider model: what it leaves out, and one call on given credentials. */
    private record Leg(List<String> limitations, java.util.function.Function<Credentials, Outcome> send) {}

    private void run(String clientModel, boolean thinking, Optional<String> session, RequestContext ctx, Errand errand) {
        ctx.trace().clientModel(clientModel);
        ModelRoutes.Target target;
        switch (resolver.resolve(clientModel, thinking)) {
            case ModelResolver.Resolution.Unknown unknown -> {
                ctx.trace().unresolved(clientModel);
                errand.fail(UpstreamError.of(404, UpstreamError.Kind.NOT_FOUND, unknown.message()));
                return;
            }
            case ModelResolver.Resolution.Resolved resolved -> {
                target = resolved.target();
                ctx.trace().resolved(clientModel, target.model(), resolved.why());
            }
        }
        try {
            providerPolicy.check(clientModel, target.provider(), ctx.protocol());
        } catch (ProviderNotAllowedException e) {
            errand.fail(UpstreamError.of(422, UpstreamError.Kind.INVALID_REQUEST, e.getMessage() + " (fix the model route)"));
            return;
        }
        Optional<String> badModel = providerPolicy.targetProblem(clientModel, target);
        if (badModel.isPresent()) {
            errand.fail(UpstreamError.of(400, UpstreamError.Kind.INVALID_REQUEST, badModel.get()));
            return;
        }
        Provider provider = providers.get(target.provider());
        if (provider == null) {
            errand.fail(UpstreamError.of(400, UpstreamError.Kind.INVALID_REQUEST, "model '" + clientModel
                    + "' is routed to provider '" + target.provider() + "', which this server does not have (fix the model route)"));
            return;
        }
        Attempts attempts = new Attempts(clock.instant().plus(policy.deadline()));
        List<String> models = new ArrayList<>();
        models.add(target.model());
        models.addAll(target.fallbacks());
        ApiKeyRing ring = keyRings.get(provider.id());
        for (String model : models) {
            Leg leg = errand.leg(provider, model);
            leg.limitations().forEach(ctx.trace()::note);
            if (ring != null) {
                if (withKeys(ring, provider, leg, model, ctx, errand, attempts) == Verdict.FINISHED) {
                    return;
                }
                if (attempts.exhausted()) {
                    break;
                }
                continue;
            }
            AccountPool.Candidates candidates;
            try {
                candidates = pool.candidates(model, ctx.pinnedAccount(), session);
            } catch (AccountUnavailableException e) {
                errand.fail(unavailable(e));
                return;
            }
            for (Account account : candidates.ready()) {
                if (attempts.exhausted()) {
                    break;
                }
                if (!candidates.pinned() && !catalog.offers(account, model)
                        && candidates.ready().stream().anyMatch(a -> catalog.offers(a, model))) {
                    continue; // its catalog lacks the model while another account's has it: Cloud Code would answer 404
                }
                Verdict verdict = attempt(provider, leg, model, account, candidates.pinned(), session, ctx, errand, attempts);
                if (verdict == Verdict.FINISHED) {
                    return;
                }
            }
            attempts.resting(candidates.resting(), model);
            if (attempts.exhausted()) {
                break;
            }
        }
        errand.fail(attempts.finalError());
    }

    private enum Verdict { FINISHED, NEXT }

    /** One account for one model: returns whether the request is finished (answered or failed for good). */
    private Verdict attempt(Provider provider, Leg leg, String model, Account account, boolean pinned,
            Optional<String> session, RequestContext ctx, Errand errand, Attempts attempts) {
        if (calls.cutReason().isPresent()) {
            return finish(errand, shutdown());
        }
        attempts.count();
        ctx.trace().attempt(provider.id(), model, account.id(), Masks.email(account.email()));
        Lease lease;
        Outcome outcome;
        try {
            lease = pool.lease(account);
            outcome = leg.send().apply(credentials(lease));
            if (outcome instanceof Outcome.AuthExpired) {
                // The token looked fresh but was refused: one refresh (shared with concurrent requests), one retry.
                lease = pool.refreshed(lease);
                outcome = leg.send().apply(credentials(lease));
            }
        } catch (AccountUnavailableException e) {
            ctx.trace().failed("token");
            attempts.failed(unavailable(e));
            return pinned ? finish(errand, attempts.finalError()) : Verdict.NEXT;
        }
        if (!(outcome instanceof Outcome.Done) && calls.cutReason().isPresent()) {
            // Shutdown cut the call: whatever the provider made of it, the client learns why, and nothing is retried.
            return finish(errand, shutdown());
        }
        switch (outcome) {
            case Outcome.Done done -> {
                pool.served(account, session);
                return Verdict.FINISHED;
            }
            case Outcome.RateLimited limited -> {
                Instant until = pool.coolDown(account, model, limited.until());
                ctx.trace().failed("429");
                attempts.rateLimited(limited.error(), until);
                return pinned ? finish(errand, limited.error()) : Verdict.NEXT;
            }
            case Outcome.AccountUnusable unusable -> {
                pool.markUnusable(account, unusable.state(), unusable.reason());
                ctx.trace().failed(String.valueOf(unusable.error().status()));
                attempts.failed(unusable.error());
                return pinned ? finish(errand, unusable.error()) : Verdict.NEXT;
            }
            case Outcome.Retryable retryable -> {
                ctx.trace().failed(String.valueOf(retryable.error().status()));
                attempts.failed(retryable.error());
                return pinned ? finish(errand, retryable.error()) : Verdict.NEXT;
            }
            case Outcome.AuthExpired expired -> {
                ctx.trace().failed("401");
                attempts.failed(expired.error());
                return pinned ? finish(errand, expired.error()) : Verdict.NEXT;
            }
            case Outcome.Fatal fatal -> {
                if (fatal.error().status() == 404) {
                    catalog.stale(account.id()); // the account's catalog may have changed: fetch it again on next use
                }
                return finish(errand, fatal.error());
            }
            case Outcome.Broken broken -> {
                LOG.warn("upstream failed mid-answer for request {}: {}", ctx.requestId(), broken.error().message());
                return finish(errand, broken.error());
            }
        }
    }

    /**
     * The key-based providers' loop: the ring's ready keys in turn (sticky pointer first). A rate-limited key rests
     * for the model; a refused or failing key passes the request to the next one; accounts play no part.
     */
    private Verdict withKeys(ApiKeyRing ring, Provider provider, Leg leg, String model, RequestContext ctx, Errand errand,
            Attempts attempts) {
        ApiKeyRing.Candidates candidates = ring.candidates(model);
        for (ApiKey key : candidates.ready()) {
            if (attempts.exhausted()) {
                break;
            }
            if (calls.cutReason().isPresent()) {
                return finish(errand, shutdown());
            }
            attempts.count();
            ctx.trace().attempt(provider.id(), model, "key" + (key.index() + 1), key.toString());
            Outcome outcome = leg.send().apply(new Credentials(key.toString(), key.value(), Optional.empty()));
            if (!(outcome instanceof Outcome.Done) && calls.cutReason().isPresent()) {
                return finish(errand, shutdown());
            }
            switch (outcome) {
                case Outcome.Done done -> {
                    ring.served(key);
                    return Verdict.FINISHED;
                }
                case Outcome.RateLimited limited -> {
                    Instant until = ring.rateLimited(key, model, limited.until());
                    ctx.trace().failed("429");
                    attempts.rateLimited(limited.error(), until);
                }
                case Outcome.Fatal fatal -> {
                    return finish(errand, fatal.error());
                }
                case Outcome.Broken broken -> {
                    LOG.warn("upstream failed mid-answer for request {}: {}", ctx.requestId(), broken.error().message());
                    return finish(errand, broken.error());
                }
                default -> {
                    ctx.trace().failed(String.valueOf(outcome.error().status()));
                    attempts.failed(outcome.error());
                }
            }
        }
        candidates.earliestReset().ifPresent(attempts::earlier);
        return Verdict.NEXT;
    }

    /**
     * No account could serve: the operator's problem (an account to add, re-login, a header naming no account), never
     * the client's key, so never an authentication error — clients answer those by asking their user to log in again.
     */
    private static UpstreamError unavailable(AccountUnavailableException e) {
        UpstreamError.Kind kind = switch (e.status()) {
            case 404 -> UpstreamError.Kind.NOT_FOUND;
            case 429 -> UpstreamError.Kind.RATE_LIMITED;
            default -> e.status() < 500 ? UpstreamError.Kind.INVALID_REQUEST : UpstreamError.Kind.UPSTREAM;
        };
        return UpstreamError.of(e.status(), kind, e.getMessage());
    }

    private UpstreamError shutdown() {
        return UpstreamError.of(503, UpstreamError.Kind.OVERLOADED, calls.cutReason().orElse("Nexus is shutting down"));
    }

    private static Credentials credentials(Lease lease) {
        return new Credentials(lease.account().id(), lease.accessToken(), Optional.of(lease.projectId()));
    }

    private static Verdict finish(Errand errand, UpstreamError error) {
        errand.fail(error);
        return Verdict.FINISHED;
    }

    /** What the attempts of one request have used and learnt; decides the final error when all fail. */
    private final class Attempts {
        private final Instant deadline;
        private int made;
        private Optional<UpstreamError> lastError = Optional.empty();
        private Optional<Instant> earliestReset = Optional.empty();
        private boolean onlyRateLimits = true;

        Attempts(Instant deadline) {
            this.deadline = deadline;
        }

        void count() {
            made++;
        }

        boolean exhausted() {
            return made >= policy.maxAttempts() || clock.instant().isAfter(deadline);
        }

        void failed(UpstreamError error) {
            lastError = Optional.of(error);
            onlyRateLimits = false;
        }

        void rateLimited(UpstreamError error, Instant until) {
            lastError = Optional.of(error);
            earlier(until);
        }

        /** Accounts skipped because they rest for the model still say when the model is available again. */
        void resting(List<Account> accounts, String model) {
            pool.earliestReset(accounts, model).ifPresent(this::earlier);
        }

        void earlier(Instant until) {
            earliestReset = Optional.of(earliestReset.filter(e -> e.isBefore(until)).orElse(until));
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
}
