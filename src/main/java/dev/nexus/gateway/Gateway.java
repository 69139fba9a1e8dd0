package dev.nexus.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountPool;
import dev.nexus.account.Credential;
import dev.nexus.account.CredentialSource;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.DialectException;
import dev.nexus.provider.AnthropicRelay;
import dev.nexus.provider.ChatCompletionsRelay;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.GeminiCall;
import dev.nexus.provider.GeminiRelay;
import dev.nexus.provider.GeminiSink;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import dev.nexus.provider.ResponsesRelay;
import dev.nexus.upstream.CallsInFlight;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one place that routes, picks credentials, calls providers and decides — here and in its {@link Failover} loop,
 * nowhere else — what a failure means: refresh the token and retry, rest the (credential, model) and fail over to the
 * next one, move on to the route's fallback model, or give the client an error. Every provider's credentials, account
 * pools and key rings alike, are a {@link CredentialSource}. Every request ends with the client sink having
 * received either the full answer or exactly one {@link ChatEvent.Failure}.
 */
public final class Gateway {
    private final ModelResolver resolver;
    private final Map<String, Provider> providers;
    private final Map<String, CredentialSource<?>> credentials;
    private final ToolSignatures signatures;
    private final ProviderPolicy providerPolicy;
    private final RetryPolicy policy;
    private final RequestLimits limits;
    private final Failover failover;
    private final Clock clock;

    /**
     * @param credentials each provider's credentials by provider id: account pools and key rings alike
     * @param calls the upstream calls in flight: once shutdown cuts them, nothing is retried and the client is told why
     */
    public Gateway(ModelResolver resolver, Map<String, Provider> providers, Map<String, CredentialSource<?>> credentials,
            ToolSignatures signatures, ProviderPolicy providerPolicy, RetryPolicy policy, RequestLimits limits,
            CallsInFlight calls, Clock clock) {
        this(resolver, providers, credentials, signatures, providerPolicy, policy, limits, calls, clock, AttemptEvents.NONE);
    }

    /** As above, telling {@code events} how each upstream call ended (the metrics). */
    public Gateway(ModelResolver resolver, Map<String, Provider> providers, Map<String, CredentialSource<?>> credentials,
            ToolSignatures signatures, ProviderPolicy providerPolicy, RetryPolicy policy, RequestLimits limits,
            CallsInFlight calls, Clock clock, AttemptEvents events) {
        this.resolver = resolver;
        this.providerPolicy = providerPolicy;
        this.providers = Map.copyOf(providers);
        this.credentials = Map.copyOf(credentials);
        this.signatures = signatures;
        this.policy = policy;
        this.limits = limits;
        this.failover = new Failover(calls::cutReason, events);
        this.clock = clock;
    }

    /**
     * The Google accounts as the gateway offers them to Cloud Code: narrowed by each account's model list
     * ({@link CatalogAccounts}).
     */
    public static CredentialSource<Account> cloudCodeAccounts(AccountPool pool, ModelCatalog catalog) {
        return new CatalogAccounts(pool, catalog);
    }

    /**
     * A chat request in the canonical model: answered as events into {@code client}, ending in a finish or one failure.
     *
     * @throws RequestLimitException before anything is sent, when the request is over the {@link RequestLimits}
     */
    public void handle(ChatRequest request, RequestContext ctx, EventSink client) {
        limits.check(request);
        run(request.model(), ThinkingAsked.by(request), SessionKeys.of(request), ctx, canonical(request, ctx, client));
    }

    /**
     * A Responses API request: relayed as it is ({@code body}, chains expanded) to a provider whose upstream speaks
     * Responses ({@link ResponsesRelay}), its events into {@code raw}; to any other provider as the canonical
     * {@code request}, its events into {@code client}. A failure the client sees arrives in {@code client}.
     *
     * @throws RequestLimitException before anything is sent, when the request is over the {@link RequestLimits}
     */
    public void respond(ChatRequest request, ObjectNode body, RequestContext ctx, EventSink client, ResponsesRelay.Sink raw) {
        // Each attempt gets its own copy: the provider applies its upstream's rules to it.
        passThrough(request, ctx, client, (provider, model) -> provider instanceof ResponsesRelay relay
                ? Optional.of(credentials -> relay.relay(body.deepCopy(), model, credentials, ctx.requestId(), raw))
                : Optional.empty());
    }

    /**
     * An Anthropic Messages request: relayed as it is ({@code body}, with the client's {@code anthropic-version} and
     * {@code anthropic-beta} in {@code clientHeaders}) to a provider whose upstream speaks Anthropic Messages
     * ({@link AnthropicRelay}), its answer into {@code raw}; to any other provider as the canonical {@code request}, its
     * events into {@code client}. A failure the client sees arrives in {@code client}.
     *
     * @throws RequestLimitException before anything is sent, when the request is over the {@link RequestLimits}
     */
    public void message(ChatRequest request, ObjectNode body, Map<String, String> clientHeaders, RequestContext ctx,
            EventSink client, AnthropicRelay.Sink raw) {
        passThrough(request, ctx, client, (provider, model) -> provider instanceof AnthropicRelay relay
                ? Optional.of(credentials -> relay.relay(body.deepCopy(), clientHeaders, model, credentials, ctx.requestId(), raw))
                : Optional.empty());
    }

    /**
     * An OpenAI Chat Completions request: relayed with only its model changed ({@code body}) to a provider whose
     * upstream speaks Chat Completions itself ({@link ChatCompletionsRelay}), its answer into {@code raw}; to any other
     * provider as the canonical {@code request}, its events into {@code client}. A failure the client sees arrives in
     * {@code client}.
     *
     * @throws RequestLimitException before anything is sent, when the request is over the {@link RequestLimits}
     */
    public void complete(ChatRequest request, ObjectNode body, RequestContext ctx,
            EventSink client, ChatCompletionsRelay.Sink raw) {
        passThrough(request, ctx, client, (provider, model) -> provider instanceof ChatCompletionsRelay relay
                ? Optional.of(credentials -> relay.relay(body.deepCopy(), model, credentials, ctx.requestId(), raw))
                : Optional.empty());
    }

    /** A request a provider may take as the client sent it ({@code relay} says how, per leg), else canonically. */
    private void passThrough(ChatRequest request, RequestContext ctx, EventSink client,
            BiFunction<Provider, String, Optional<Function<Credentials, Outcome>>> relay) {
        limits.check(request);
        Errand canonical = canonical(request, ctx, client);
        run(request.model(), ThinkingAsked.by(request), SessionKeys.of(request), ctx, new Errand() {
            @Override
            public Leg leg(Provider provider, String model) {
                return relay.apply(provider, model).map(send -> new Leg(List.of(), send))
                        .orElseGet(() -> canonical.leg(provider, model));
            }

            @Override
            public void fail(UpstreamError error) {
                canonical.fail(error);
            }
        });
    }

    private Errand canonical(ChatRequest request, RequestContext ctx, EventSink client) {
        EventSink sink = signatures.recording(client);
        return new Errand() {
            @Override
            public Leg leg(Provider provider, String model) {
                ChatRequest upstream = signatures.restore(request.withModel(model));
                return new Leg(provider.limitations(upstream), credentials -> provider.call(upstream, credentials, ctx.requestId(), sink));
            }

            @Override
            public void fail(UpstreamError error) {
                sink.accept(new ChatEvent.Failure(error));
            }
        };
    }

    /**
     * A request in Google's wire format for {@code clientModel} (the GenAI surface): relayed as it is to a provider
     * whose upstream speaks it ({@link GeminiRelay}), its answer into {@code raw}; to any other provider through the
     * canonical model, as {@code translation} decodes it (only then, once) and writes its events to the client.
     * Routing, credentials and failover are the same as for {@link #handle}.
     *
     * @throws RequestLimitException before anything is sent, when the request is over the {@link RequestLimits}
     */
    public void relay(GeminiCall call, String clientModel, GenAiTranslation translation, RequestContext ctx, GeminiSink raw) {
        limits.checkGenAi(call.body());
        run(clientModel, ThinkingAsked.by(call.body()), SessionKeys.ofGemini(call.body()), ctx, new Errand() {
            /** The canonical errand, made when the first provider that needs it comes up. */
            private Errand canonical;

            @Override
            public Leg leg(Provider provider, String model) {
                if (provider instanceof GeminiRelay relay) {
                    // Each attempt gets its own copy: providers adjust the body for their target model.
                    return new Leg(List.of(), credentials -> relay.relay(new GeminiCall(call.body().deepCopy(), call.action()), model,
                            credentials, ctx.requestId(), raw));
                }
                if (call.action() == GeminiCall.Action.COUNT_TOKENS) {
                    return refused(UpstreamError.of(422, UpstreamError.Kind.INVALID_REQUEST, "provider '" + provider.id()
                            + "' cannot count tokens in Google's format (route model '" + clientModel + "' to google, gemini or vertex)"));
                }
                if (canonical == null) {
                    ChatRequest request;
                    try {
                        request = translation.request();
                    } catch (DialectException e) {
                        return refused(UpstreamError.of(e.status(), UpstreamError.Kind.INVALID_REQUEST, e.getMessage()));
                    }
                    canonical = canonical(request, ctx, translation.answer(request));
                }
                return canonical.leg(provider, model);
            }

            @Override
            public void fail(UpstreamError error) {
                if (canonical != null) {
                    canonical.fail(error);
                } else {
                    raw.fail(error);
                }
            }
        });
    }

    /**
     * Whether a GenAI request for {@code clientModel} goes to a provider that takes Google's wire format as it is; also
     * when the name resolves to nothing (the relay then answers the 404).
     */
    public boolean relaysGenAi(String clientModel, com.fasterxml.jackson.databind.JsonNode body) {
        return switch (resolver.resolve(clientModel, ThinkingAsked.by(body))) {
            case ModelResolver.Resolution.Unknown unknown -> true;
            case ModelResolver.Resolution.Resolved resolved -> providers.get(resolved.target().provider()) instanceof GeminiRelay
                    || !providers.containsKey(resolved.target().provider());
        };
    }

    /** A leg that sends nothing: the request cannot go to this provider. */
    private static Leg refused(UpstreamError error) {
        return new Leg(List.of(), credentials -> new Outcome.Fatal(error));
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
        // The client key's policy, before any routing or upstream call: the one place every surface's model is known.
        Optional<UpstreamError> overPolicy = ctx.ticket().admit(clientModel);
        if (overPolicy.isPresent()) {
            errand.fail(overPolicy.get());
            return;
        }
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
        Optional<String> badModel = providerPolicy.targetProblem(clientModel, target);
        if (badModel.isPresent()) {
            errand.fail(UpstreamError.of(400, UpstreamError.Kind.INVALID_REQUEST, badModel.get()));
            return;
        }
        Attempts attempts = new Attempts(policy, clock);
        List<ProviderPolicy.Hop> hops = providerPolicy.hops(target);
        for (int i = 0; i < hops.size(); i++) {
            ProviderPolicy.Hop hop = hops.get(i);
            Optional<UpstreamError> refused = refusal(clientModel, hop, ctx.protocol());
            if (refused.isPresent()) {
                if (i == 0) {
                    errand.fail(refused.get());
                    return;
                }
                // A fallback this request cannot use is passed over: the ones after it may serve.
                ctx.trace().note("fallback " + hop.provider() + "/" + hop.model() + " skipped: " + refused.get().message());
                continue;
            }
            Provider provider = providers.get(hop.provider());
            Leg leg = errand.leg(provider, hop.model());
            leg.limitations().forEach(ctx.trace()::note);
            Failover.Ask ask = new Failover.Ask(provider.id(), hop.model(), ctx.pinnedAccount(), session, ctx.trace(), ctx.requestId());
            int made = attempts.made();
            switch (serve(credentials.get(provider.id()), ask, leg, attempts)) {
                case Failover.Verdict.Served served -> {
                    return;
                }
                case Failover.Verdict.Failed failed -> {
                    errand.fail(failed.error());
                    return;
                }
                case Failover.Verdict.Next next -> {
                    if (attempts.made() == made) {
                        ctx.trace().passed(hop.provider(), hop.model(), "cooling");
                    }
                    if (attempts.exhausted()) {
                        errand.fail(attempts.finalError());
                        return;
                    }
                }
                case Failover.Verdict.Unavailable unavailable -> {
                    ctx.trace().passed(hop.provider(), hop.model(), "unavailable");
                    attempts.unavailable(unavailable.error());
                }
            }
        }
        errand.fail(attempts.finalError());
    }

    /** Why a request for {@code clientModel} on {@code protocol} cannot go to {@code hop}; empty when it can. */
    private Optional<UpstreamError> refusal(String clientModel, ProviderPolicy.Hop hop, Protocol protocol) {
        try {
            providerPolicy.check(clientModel, hop.provider(), protocol);
        } catch (ProviderNotAllowedException e) {
            return Optional.of(UpstreamError.of(422, UpstreamError.Kind.INVALID_REQUEST, e.getMessage() + " (fix the model route)"));
        }
        if (!providers.containsKey(hop.provider())) {
            return Optional.of(UpstreamError.of(400, UpstreamError.Kind.INVALID_REQUEST, "model '" + clientModel
                    + "' is routed to provider '" + hop.provider() + "', which this server does not have (fix the model route)"));
        }
        if (!credentials.containsKey(hop.provider())) {
            return Optional.of(UpstreamError.of(503, UpstreamError.Kind.UPSTREAM, "provider '" + hop.provider()
                    + "' has no credentials on this server (link an account or configure its keys)"));
        }
        return Optional.empty();
    }

    private <C extends Credential> Failover.Verdict serve(CredentialSource<C> source, Failover.Ask ask, Leg leg, Attempts attempts) {
        return failover.run(source, ask, (credential, lease) -> leg.send().apply(
                new Credentials(lease.credentialId(), lease.accessToken())), attempts);
    }
}
