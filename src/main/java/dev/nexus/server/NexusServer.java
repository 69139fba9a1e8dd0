package dev.nexus.server;

import dev.nexus.clientkey.ClientKeys;
import dev.nexus.config.Settings;
import dev.nexus.monitor.RequestMonitor;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
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

    private final WebServer server;

    private NexusServer(WebServer server) {
        this.server = server;
    }

    public static NexusServer start(Settings settings, ClientKeys keys, Replies replies, BooleanSupplier databaseReachable,
            Executor background, RequestMonitor monitor, List<Routes> routes) {
        Observations observations = new Observations(monitor);
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new RequestIds())
                .addFilter(observations)
                .addFilter(new AccessLog())
                .addFilter(new BodyLimit(settings.maxBodyBytes(), replies))
                .addFilter(new AdminAuth(settings.adminPassword(), replies))
                .addFilter(new CrossSiteGuard(replies))
                .addFilter(new ClientAuth(keys, replies, background));
        new Health(databaseReachable, replies).register(routing);
        new WebPages(new WebFiles(NexusServer.class.getClassLoader())).register(routing);
        routes.forEach(r -> r.register(routing));
        routing.any((req, res) -> {
            throw new HttpError(404, "no endpoint " + req.prologue().method().text() + " " + req.path().path()
                    + " on this server (see the README for the list of endpoints)", "not_found");
        });
        routing.error(Throwable.class, (req, res, error) -> {
            try {
                answer(replies, req, res, error);
            } finally {
                observations.finish(req, res);
            }
        });

        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // Without TCP_NODELAY every flushed SSE event waits for the peer's delayed ACK (~40 ms).
                .connectionOptions(o -> o.tcpNoDelay(true))
                .shutdownGracePeriod(settings.shutdownGrace())
                .shutdownHook(false)
                .routing(routing)
                .build()
                .start();
        return new NexusServer(server);
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
        String id = req.context().get(RequestIds.RequestId.class).map(RequestIds.RequestId::value).orElse("-");
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
            if (t instanceof BodyLimit.TooLarge) {
                return Optional.of(new HttpError(413, t.getMessage()
                        + " (raise NEXUS_MAX_BODY_BYTES on the server, or send a smaller request)", "request_too_large"));
            }
        }
        return Optional.empty();
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
    }
}
