package dev.nexus.admin;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * This server's address as the client sees it: the scheme ({@code https} when a proxy in front says so with
 * {@code X-Forwarded-Proto}) and the {@code Host} header, e.g. {@code http://127.0.0.1:8080}. Used for links and for
 * the client snippets on the dashboard. A Host header that is not a plain host[:port] is ignored.
 */
final class ClientAddress {
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+)(:[0-9]{1,5})?");

    private ClientAddress() {}

    /** The origin, without a trailing slash; empty when the request names no usable host. */
    static Optional<URI> of(ServerRequest req) {
        Optional<String> host = req.headers().first(HeaderNames.HOST).map(String::trim).filter(h -> HOST.matcher(h).matches());
        boolean https = req.headers().first(HeaderNames.X_FORWARDED_PROTO).map(p -> p.trim().equalsIgnoreCase("https")).orElse(false);
        try {
            return host.map(h -> URI.create((https ? "https://" : "http://") + h)).filter(u -> u.getHost() != null);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
