package dev.nexus.provider.cloudcode;

import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP to Cloud Code v1internal: {@code {base}:{method}} with the headers Antigravity sends, tried across the
 * configured base URLs in order. Moves to the next base URL on a transport error, 429, 403 or 5xx (sandbox and
 * daily hosts refuse some accounts that prod accepts); any other answer, and the last base URL's answer, is final.
 */
final class CloudCodeHttp {
    static final String DEFAULT_USER_AGENT = "antigravity/1.15.8 windows/amd64";
    private static final String CLIENT_METADATA = "{\"ideType\":\"IDE_UNSPECIFIED\",\"platform\":\"PLATFORM_UNSPECIFIED\",\"pluginType\":\"GEMINI\"}";
    /** Bound on waiting for response headers; a stream may then run as long as it produces events. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(5);

    private final UpstreamHttp http;
    private final List<URI> bases;
    private final String userAgent;
    /** Endpoint URIs by text: a handful (base URLs × methods), parsed once instead of on every call. */
    private final Map<String, URI> endpoints = new ConcurrentHashMap<>();

    CloudCodeHttp(UpstreamHttp http, List<URI> bases, String userAgent) {
        this.http = http;
        this.bases = List.copyOf(bases);
        this.userAgent = userAgent;
    }

    /** An answer with its body still open: the caller reads (or closes) it. */
    record Exchange(int status, UpstreamHttp.Answer answer, URI base) {
        String errorBody() {
            return answer.errorText();
        }

        InputStream body() {
            return answer.body();
        }

        /** The whole body, read to its end so the connection is kept for reuse. */
        byte[] readAll() throws IOException {
            return answer.readAll();
        }

        Optional<String> header(String name) {
            return answer.header(name);
        }
    }

    /** POSTs to each base URL in turn; throws the last transport error when every base failed to answer. */
    Exchange post(String method, String query, byte[] body, Secret accessToken) throws IOException, InterruptedException {
        return send(bases, method, query, body, accessToken);
    }

    /** POSTs to the last base URL only (prod): quota and setup calls answer best there. */
    Exchange postToLast(String method, byte[] body, Secret accessToken) throws IOException, InterruptedException {
        return send(List.of(bases.get(bases.size() - 1)), method, "", body, accessToken);
    }

    /** GETs a path under the last base URL, e.g. a long-running operation. */
    Exchange getFromLast(String path, Secret accessToken) throws IOException, InterruptedException {
        URI base = bases.get(bases.size() - 1);
        URI uri = URI.create(base + "/" + path);
        UpstreamHttp.Answer answer = exchange("GET", uri, new byte[0], accessToken);
        return new Exchange(answer.status(), answer, uri);
    }

    private Exchange send(List<URI> targets, String method, String query, byte[] body, Secret accessToken)
            throws IOException, InterruptedException {
        IOException lastFailure = null;
        for (int i = 0; i < targets.size(); i++) {
            URI base = targets.get(i);
            boolean last = i == targets.size() - 1;
            URI uri = endpoints.computeIfAbsent(base + ":" + method + (query.isEmpty() ? "" : "?" + query), URI::create);
            UpstreamHttp.Answer answer;
            try {
                answer = exchange("POST", uri, body, accessToken);
            } catch (IOException e) {
                lastFailure = e;
                continue;
            }
            int status = answer.status();
            if (last || !(status == 429 || status == 403 || status >= 500)) {
                return new Exchange(status, answer, base);
            }
            answer.close();
        }
        throw lastFailure != null ? lastFailure : new IOException("no Cloud Code base URL configured");
    }

    private UpstreamHttp.Answer exchange(String verb, URI uri, byte[] body, Secret accessToken)
            throws IOException, InterruptedException {
        List<Map.Entry<String, String>> headers = List.of(
                Map.entry("Authorization", "Bearer " + accessToken.reveal()),
                Map.entry("Content-Type", "application/json"),
                Map.entry("User-Agent", userAgent),
                Map.entry("X-Goog-Api-Client", "google-cloud-sdk vscode_cloudshelleditor/0.1"),
                Map.entry("Client-Metadata", CLIENT_METADATA));
        try {
            return http.send(new UpstreamHttp.Request(verb, uri, headers, body, HEADERS_TIMEOUT), "Cloud Code");
        } catch (InterruptedIOException e) {
            // The caller was cancelled: not a reason to try the next base URL.
            Thread.interrupted();
            throw new InterruptedException(e.getMessage());
        }
    }
}
