package dev.nexus.gateway;

import dev.nexus.account.AccountPool;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.Lease;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import dev.nexus.provider.Credentials;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.Provider;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that routes, picks accounts, calls providers and decides about retries. Every request ends with
 * the client sink having received either the full answer or exactly one {@link ChatEvent.Failure}.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Accounts tried for one request before giving up (an unusable account hands over to the next). */
    private static final int MAX_ATTEMPTS = 3;

    private final ModelRoutes routes;
    private final AccountPool pool;
    private final Map<String, Provider> providers;
    private final ToolSignatures signatures;

    public Gateway(ModelRoutes routes, AccountPool pool, Map<String, Provider> providers, ToolSignatures signatures) {
        this.routes = routes;
        this.pool = pool;
        this.providers = Map.copyOf(providers);
        this.signatures = signatures;
    }

    public void handle(ChatRequest request, RequestContext ctx, EventSink client) {
        ModelRoutes.Target target = routes.resolve(request.model());
        ctx.trace().clientModel(request.model());
        Provider provider = providers.get(target.provider());
        if (provider == null) {
            fail(client, UpstreamError.of(400, UpstreamError.Kind.INVALID_REQUEST, "model '" + request.model()
                    + "' is routed to provider '" + target.provider() + "', which this server does not have (fix the model route)"));
            return;
        }
        ChatRequest upstream = signatures.restore(request.withModel(target.model()));
        EventSink sink = signatures.recording(client);
        Optional<UpstreamError> last = Optional.empty();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Lease lease;
            try {
                lease = pool.acquire(ctx.pinnedAccount());
            } catch (AccountUnavailableException e) {
                fail(client, last.orElse(UpstreamError.of(e.status(), UpstreamError.Kind.AUTHENTICATION, e.getMessage())));
                return;
            }
            ctx.trace().attempt(provider.id(), target.model(), lease.account().id());
            Outcome outcome = call(provider, upstream, lease, ctx, sink);
            if (outcome instanceof Outcome.AuthExpired) {
                // The token looked fresh but was refused: refresh once and retry on the same account.
                try {
                    lease = pool.refreshed(lease);
                } catch (AccountUnavailableException e) {
                    ctx.trace().failed("401");
                    last = Optional.of(UpstreamError.of(e.status(), UpstreamError.Kind.AUTHENTICATION, e.getMessage()));
                    continue;
                }
                outcome = call(provider, upstream, lease, ctx, sink);
            }
            switch (outcome) {
                case Outcome.Done done -> {
                    return;
                }
                case Outcome.AccountUnusable unusable -> {
                    pool.markUnusable(lease.account(), unusable.state(), unusable.reason());
                    ctx.trace().failed(String.valueOf(unusable.error().status()));
                    last = Optional.of(unusable.error());
                    if (ctx.pinnedAccount().isPresent()) {
                        fail(client, unusable.error());
                        return;
                    }
                }
                case Outcome.RateLimited limited -> {
                    // Cooldowns and failover to other accounts arrive with the account pool; for now the client sees the 429.
                    ctx.trace().failed("429");
                    fail(client, limited.error());
                    return;
                }
                case Outcome.Retryable retryable -> {
                    ctx.trace().failed(String.valueOf(retryable.error().status()));
                    fail(client, retryable.error());
                    return;
                }
                case Outcome.AuthExpired expired -> {
                    ctx.trace().failed("401");
                    fail(client, expired.error());
                    return;
                }
                case Outcome.Fatal fatal -> {
                    fail(client, fatal.error());
                    return;
                }
                case Outcome.Broken broken -> {
                    LOG.warn("upstream failed mid-answer for request {}: {}", ctx.requestId(), broken.error().message());
                    fail(client, broken.error());
                    return;
                }
            }
        }
        fail(client, last.orElse(UpstreamError.of(503, UpstreamError.Kind.UPSTREAM, "no account could serve the request")));
    }

    private static Outcome call(Provider provider, ChatRequest request, Lease lease, RequestContext ctx, EventSink sink) {
        Credentials credentials = new Credentials(lease.account().id(), lease.accessToken(), Optional.of(lease.projectId()));
        return provider.call(request, credentials, ctx.requestId(), sink);
    }

    private static void fail(EventSink client, UpstreamError error) {
        client.accept(new ChatEvent.Failure(error));
    }
}
