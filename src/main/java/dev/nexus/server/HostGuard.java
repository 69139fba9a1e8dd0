package dev.nexus.server;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;

/**
 * Defends the open admin surface against DNS rebinding. Without an admin password the admin API and pages answer
 * anyone who reaches the port, and a page on {@code attacker.example} whose name the attacker re-points at 127.0.0.1
 * reaches it from the victim's browser as its own origin: the browser sends {@code Host: attacker.example}, and every
 * same-origin check passes. Such a request is refused with 421 unless its {@code Host} is one this server answers to
 * ({@link ServerNames}). With a password the browser has no credentials for the attacker's origin, so no check is needed;
 * the same holds for {@code /metrics} once NEXUS_METRICS_TOKEN guards it, which a scraper may then reach by any name.
 */
final class HostGuard implements Filter {
    private final ServerNames names;
    private final boolean passwordSet;
    private final boolean metricsTokenSet;
    private final Replies replies;

    HostGuard(ServerNames names, boolean passwordSet, boolean metricsTokenSet, Replies replies) {
        this.names = names;
        this.passwordSet = passwordSet;
        this.metricsTokenSet = metricsTokenSet;
        this.replies = replies;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (passwordSet || !AdminAuth.isAdminPath(path) || ClientProbes.isProbe(req)
                || metricsTokenSet && path.equals(AdminAuth.METRICS_PATH)) {
            chain.proceed();
            return;
        }
        Optional<String> host = req.headers().first(HeaderNames.HOST);
        // Browsers always send Host; a request without one (HTTP/1.0 tools) cannot come from a rebound page.
        if (host.isEmpty() || names.accepts(host.get())) {
            chain.proceed();
            return;
        }
        replies.error(req, res, new HttpError(421, "request for host '" + printable(host.get()) + "' refused: without "
                + "NEXUS_ADMIN_PASSWORD the admin API and dashboard answer only to a loopback address, HOST or a name in "
                + "NEXUS_ALLOWED_HOSTS (a guard against DNS rebinding; add the name to NEXUS_ALLOWED_HOSTS, or set "
                + "NEXUS_ADMIN_PASSWORD)", "misdirected_request"));
    }

    /** The header as the client sent it, cut short and without control characters, for the message. */
    private static String printable(String value) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
