package dev.nexus.server;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses changes to the admin surface that a browser sends on behalf of another site. A browser attaches the
 * dashboard's Basic credentials (or none, when the admin API is open on loopback) to any request for this origin,
 * including a form another page submits, so every admin {@code POST}, {@code PUT}, {@code PATCH} and {@code DELETE}
 * must come from this origin: {@code Sec-Fetch-Site} must be {@code same-origin} or {@code none}, and without that
 * header an {@code Origin} header must name this host. Scripts and the CLI send neither and pass.
 */
final class CrossSiteGuard implements Filter {
    private static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final Replies replies;

    CrossSiteGuard(Replies replies) {
        this.replies = replies;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Method method = req.prologue().method();
        if (SAFE_METHODS.contains(method.text()) || !AdminAuth.isAdminPath(req.path().path()) || sameOrigin(req)) {
            chain.proceed();
            return;
        }
        replies.error(req, res, new HttpError(403, "cross-site request refused: changes to the admin API are accepted only "
                + "from this server's own pages (the dashboard) or from tools that send no Origin, such as curl or the CLI",
                "cross_site"));
    }

    private static boolean sameOrigin(RoutingRequest req) {
        Optional<String> site = req.headers().first(SEC_FETCH_SITE);
        if (site.isPresent()) {
            return OWN_SITE.contains(site.get().trim().toLowerCase(java.util.Locale.ROOT));
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return true;
        }
        Optional<String> host = req.headers().first(HeaderNames.HOST);
        return host.isPresent() && authority(origin.get()).map(a -> a.equalsIgnoreCase(host.get().trim())).orElse(false);
    }

    private static Optional<String> authority(String origin) {
        try {
            return Optional.ofNullable(URI.create(origin.trim()).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
