package dev.nexus.server;

import dev.nexus.clientkey.ClientKeys;
import dev.nexus.keylimit.KeyGate;
import dev.nexus.config.Settings;
import dev.nexus.monitor.RequestMonitor;
import dev.nexus.server.http1.Http1Guard;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Helidon SE on virtual threads, with the filters every request passes (request id,
 * request monitor, access log, body limit, admin auth, client-key auth), the given route groups, and dialect-shaped
 * errors for anything that goes wrong, including unknown paths.
 */
public final class NexusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NexusServer.class);

    /** Time for requests cut at the grace deadline to write their last event before the server closes connections. */
    private static final Duration CUT_MARGIN = Duration.ofSeconds(5);

    private final WebServer server;
    private final Http1Guard http1;

    private NexusServer(WebServer server, Http1Guard http1) {
        this.server = server;
        this.http1 = http1;
    }

    /**
     * @param gate admits each client-key request under its key's policy (expiry, limits)
     * @param answered told of every exchange the server answered (the metrics' HTTP server series)
     */
    public static NexusServer start(Settings settings, ClientKeys keys, KeyGate gate, Replies replies, BooleanSupplier databaseReachable,
            Executor background, RequestMonitor monitor, Answered answered, List<Routes> routes) {
        Observations observations = new Observations(monitor);
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new RequestIds())
                .addFilter(observations)
                .addFilter(new AccessLog(answered))
                .addFilter(new HostGuard(ServerNames.of(settings.host(), settings.allowedHosts()),
                        settings.adminPassword().isPresent(), settings.observability().metricsToken().isPresent(), replies))
                .addFilter(new BodyLimit(settings.maxBodyBytes(), replies))
                .addFilter(new AdminAuth(settings.adminPassword(), settings.observability().metricsToken(), replies))
                .addFilter(new CrossSiteGuard(replies))
                .addFilter(new ClientAuth(keys, gate, replies, background));
        new Health(databaseReachable, replies).register(routing);
        new WebPages(new WebFiles(NexusServer.class.getClassLoader())).register(routing);
        routes.forEach(r -> r.register(routing));
        routing.any((req, res) -> {
            throw new HttpError(404, "no endpoint " + req.prologue().method().text() + " " + req.path().path()
                    + " on this server (see docs/http-api.md for the list of endpoints)", "not_found");
        });
        routing.error(Throwable.class, (req, res, error) -> {
            try {
                answer(replies, req, res, error);
            } finally {
                observations.finish(req, res);
            }
        });

        Http1Guard http1 = new Http1Guard(settings.connectionTimeouts());
        WebServer server;
        try {
            server = listen(settings, routing, http1);
        } catch (RuntimeException e) {
            http1.close();
            throw e;
        }
        if (!server.isRunning()) {
            http1.close();
            throw ListenAddress.notListening(settings.host(), settings.port());
        }
        return new NexusServer(server, http1);
    }

    private static WebServer listen(Settings settings, HttpRouting.Builder routing, Http1Guard http1) {
        return WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // Without TCP_NODELAY every flushed SSE event waits for the peer's delayed ACK (~40 ms).
                .connectionOptions(o -> o.tcpNoDelay(true))
                // HTTP/1 only, through the guard that closes what Helidon leaves open and reads HTTP/1.0 (see http1).
                .protocolsDiscoverServices(false)
                .addConnectionSelector(http1)
                // Helidon's own, coarser idle check (every 2 min) must not close sooner than the guard's bound.
                .idleConnectionTimeout(settings.connectionTimeouts().idle())
                // Helidon's own refusals (malformed framing) in the path's dialect; it passes its message only when told to.
                .directHandlers(ConnectionErrors.handlers())
                .errorHandling(e -> e.includeEntity(true))
                // Nexus cuts the requests still open at the grace deadline itself (ServeCommand); the server's own
                // deadline, which kills them without a word, comes later.
                .shutdownGracePeriod(settings.shutdownGrace().plus(CUT_MARGIN))
                .shutdownHook(false)
                .routing(routing)
                .build()
                .start();
    }

    private static void answer(Replies replies, ServerRequest req, ServerResponse res, Throwable error) {
        if (error instanceof SseOutput.ClientGone) {
            LOG.debug("client left during {} {}", req.prologue().method().text(), req.path().path());
            Observations.of(req).error(SseOutput.ClientGone.MESSAGE);
            return;
        }
        Optional<HttpError> known = httpError(error);
        if (known.isPresent()) {
            replies.error(req, res, known.get());
            return;
        }
        String id = RequestIds.of(req);
        LOG.error("request {} {} failed (request id {})", req.prologue().method().text(), req.path().path(), id, error);
        Observations.of(req).error("internal error in Nexus: " + error);
        if (!res.isSent()) {
            replies.error(req, res, new HttpError(500, "internal error in Nexus (request id " + id
                    + "; the server log has the details)", "internal_error"));
        }
    }

    private static Optional<HttpError> httpError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpError http) {
                return Optional.of(http);
            }
            if (t instanceof dev.nexus.dialect.DialectException bad) {
                return Optional.of(new HttpError(bad.status(), bad.getMessage(), "invalid_request_error"));
            }
            if (t instanceof dev.nexus.gateway.RequestLimitException over) {
                return Optional.of(new HttpError(400, over.getMessage(), "request_too_large"));
            }
        }
        return Optional.empty();
    }

    /**
     * Fails with one line naming the port and the fix when the server could not listen at the configured address;
     * run before anything is set up, so a first start does not print a key that is never used.
     */
    public static void checkAddress(Settings settings) {
        ListenAddress.refuseBusy(settings.host(), settings.port());
    }

    public int port() {
        return server.port();
    }

    public boolean running() {
        return server.isRunning();
    }

    /** Stops accepting connections; requests in flight get up to the grace period to finish. */
    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
        http1.close();
    }
}
