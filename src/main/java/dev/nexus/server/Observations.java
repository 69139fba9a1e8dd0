package dev.nexus.server;

import dev.nexus.clientkey.ClientKey;
import dev.nexus.monitor.Observation;
import dev.nexus.monitor.RequestMonitor;
import dev.nexus.monitor.Surface;
import dev.nexus.server.http1.ReadTimeout;
import io.helidon.http.Method;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Opens the request monitor's {@link Observation} of every proxied request (it sits right after the request id, so
 * refusals by the body limit and client-key auth are recorded too) and closes it when the answer is out: when Helidon
 * has sent it ({@code whenSent}), when the handler returns, or in the server's error handler once that has answered a
 * failure — whichever comes first. Unary answers mark their first byte through {@code beforeSend}; stream writers mark
 * theirs. Adds nothing to the response and never throws.
 */
public final class Observations implements Filter {
    /** The status recorded when the client left before anything was sent (as nginx logs it). */
    static final int CLIENT_LEFT = 499;
    /** The status recorded when the server stopped waiting for the client's request body. */
    static final int REQUEST_TIMEOUT = 408;

    private final RequestMonitor monitor;

    Observations(RequestMonitor monitor) {
        this.monitor = monitor;
    }

    /** The request's observation; one that records nothing when the request is not monitored. */
    public static Observation of(ServerRequest req) {
        return req.context().get(Observation.class).orElseGet(Observation::unwatched);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        boolean passThrough = ProviderPaths.covers(path);
        if (!(monitor.watches(path) || passThrough) || req.prologue().method().equals(Method.OPTIONS)) {
            chain.proceed();
            return;
        }
        Observation observation = passThrough
                ? monitor.begin(RequestIds.of(req), req.prologue().method().text(), path, Surface.PROVIDER_PROXY)
                : monitor.begin(RequestIds.of(req), req.prologue().method().text(), path);
        req.context().register(observation);
        res.beforeSend(observation::firstByte);
        res.whenSent(() -> finish(req, res));
        try {
            chain.proceed();
        } catch (CloseConnectionException e) {
            // The error handler never sees these (a client that left or stalled, a relay cut on purpose): the connection
            // just closes, so the record ends here.
            observation.error("the connection closed mid-answer: " + e.getMessage());
            finish(req, res, e instanceof ReadTimeout ? REQUEST_TIMEOUT : CLIENT_LEFT);
            throw e;
        }
        // Any other exception went past this point to the error handler, which calls finish after answering.
        finish(req, res);
    }

    /** Closes the request's observation with the status sent; later calls for the same request do nothing. */
    void finish(ServerRequest req, ServerResponse res) {
        finish(req, res, CLIENT_LEFT);
    }

    /** As {@link #finish(ServerRequest, ServerResponse)}, with the status to record when nothing was sent. */
    private void finish(ServerRequest req, ServerResponse res, int unanswered) {
        try {
            Observation observation = of(req);
            req.context().get(ClientKey.class).ifPresent(key -> observation.key(key.id(), key.name()));
            boolean answered = res.isSent() || observation.answerStarted();
            monitor.finish(observation, answered ? res.status().code() : unanswered);
        } catch (RuntimeException e) {
            // The monitor observes; a failure to record must not become the client's failure.
        }
    }
}
