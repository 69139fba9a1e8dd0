package dev.nexus.server;

import dev.nexus.secret.Sha256;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic for the admin API, the dashboard pages and {@code /metrics}, against NEXUS_ADMIN_PASSWORD (user name
 * ignored). {@code /metrics} also admits {@code Authorization: Bearer} with NEXUS_METRICS_TOKEN, so a scraper needs
 * no admin password. With neither set the admin surface is open, which start-up allows only on a loopback address.
 */
final class AdminAuth implements Filter {
    static final String METRICS_PATH = "/metrics";

    private final Optional<byte[]> passwordDigest;
    private final Optional<byte[]> metricsTokenDigest;
    private final Replies replies;

    AdminAuth(Optional<String> password, Optional<String> metricsToken, Replies replies) {
        this.passwordDigest = password.map(AdminAuth::digest);
        this.metricsTokenDigest = metricsToken.map(AdminAuth::digest);
        this.replies = replies;
    }

    static boolean isAdminPath(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/") || path.startsWith("/monitor")
                || path.startsWith("/assets/") || path.startsWith("/auth/") || path.equals(METRICS_PATH);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (metricsTokenDigest.isPresent() && req.path().path().equals(METRICS_PATH)) {
            if (bearerMatches(req) || passwordDigest.isPresent() && authorised(req)) {
                chain.proceed();
                return;
            }
            replies.error(req, res, new HttpError(401, "metrics require credentials: send 'Authorization: Bearer' with"
                    + " NEXUS_METRICS_TOKEN" + (passwordDigest.isPresent() ? ", or HTTP Basic with NEXUS_ADMIN_PASSWORD" : ""),
                    "metrics_auth"));
            return;
        }
        if (passwordDigest.isEmpty() || !isAdminPath(req.path().path()) || ClientProbes.isProbe(req) || authorised(req)) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Nexus Admin\", charset=\"UTF-8\"");
        replies.error(req, res, new HttpError(401,
                "admin password required: sign in with HTTP Basic using NEXUS_ADMIN_PASSWORD (any user name)", "admin_auth"));
    }

    private boolean authorised(RoutingRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        String password = colon < 0 ? decoded : decoded.substring(colon + 1);
        // Digests have equal length whatever the input, so the comparison time reveals nothing.
        return MessageDigest.isEqual(passwordDigest.get(), digest(password));
    }

    private boolean bearerMatches(RoutingRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // As for the password: equal-length digests, compared in constant time.
        return MessageDigest.isEqual(metricsTokenDigest.get(), digest(header.get().substring(7).trim()));
    }

    private static byte[] digest(String value) {
        return Sha256.of(value);
    }
}
