package dev.nexus.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard ({@code GET /}), the monitor ({@code GET /monitor}) and their static files ({@code GET /assets/*}),
 * served from the classpath folder {@code web/} with no build step and nothing from elsewhere. Admin auth covers
 * these paths like {@code /api/*} ({@link AdminAuth}); {@code HEAD /} stays Claude Code's unauthenticated probe.
 *
 * <p>Every answer carries a Content-Security-Policy that allows scripts, styles, images and connections from this
 * origin only and no inline script or style, so even a rendering bug cannot run injected markup. Files are
 * revalidated on every load ({@code no-cache} with an ETag), so an upgrade is picked up without stale scripts.
 */
final class WebPages implements Routes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";
    /** Asset names: lower-case words separated by dots, dashes or slashes; nothing that climbs out of the folder. */
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9_-]*(\\.[a-z0-9]+)*(/[a-z0-9][a-z0-9_-]*(\\.[a-z0-9]+)*)*");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "woff2", "font/woff2");

    private final WebFiles files;

    WebPages(WebFiles files) {
        this.files = files;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> send(req, res, "dashboard.html"))
                .get("/monitor", (req, res) -> send(req, res, "monitor.html"))
                .get("/assets/*", (req, res) -> {
                    String name = req.path().path().substring("/assets/".length());
                    if (!ASSET.matcher(name).matches()) {
                        throw notFound(req.prologue());
                    }
                    send(req, res, "assets/" + name);
                });
    }

    private void send(ServerRequest req, ServerResponse res, String name) {
        WebFiles.File file = files.find(name).orElseThrow(() -> notFound(req.prologue()));
        securityHeaders(res);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.ETAG, file.etag());
        Optional<String> seen = req.headers().first(HeaderNames.IF_NONE_MATCH);
        if (seen.isPresent() && seen.get().contains(file.etag())) {
            res.status(304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, contentType(name));
        res.send(file.bytes());
    }

    /** The headers every page and asset carries: no foreign or inline code, no sniffing, no referrer, no framing. */
    static void securityHeaders(ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(HeaderNames.create("Cross-Origin-Opener-Policy"), "same-origin");
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return CONTENT_TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
    }

    private static HttpError notFound(HttpPrologue prologue) {
        return new HttpError(404, "no page or asset at " + prologue.uriPath().path()
                + " (the dashboard is at /, the monitor at /monitor)", "not_found");
    }
}
