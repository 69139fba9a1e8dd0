package dev.nexus.provider.cloudcode;

import dev.nexus.provider.HeaderDeadline;
import dev.nexus.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

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
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HeaderDeadline http;
    private final List<URI> bases;
    private final String userAgent;

    CloudCodeHttp(HttpClient http, List<URI> bases, String userAgent) {
        this.http = new HeaderDeadline(http, HEADERS_TIMEOUT);
        this.bases = List.copyOf(bases);
        this.userAgent = userAgent;
    }

    /** An answer with its body still open: the caller reads (or closes) it. */
    record Exchange(int status, HttpResponse<InputStream> response, URI base) {
        String errorBody() {
            try (InputStream in = response.body()) {
                return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
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
        URI uri = URI.create(bases.get(bases.size() - 1) + "/" + path);
        HttpRequest request = headers(HttpRequest.newBuilder(uri), accessToken).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream(), "Cloud Code");
        return new Exchange(response.statusCode(), response, uri);
    }

    private Exchange send(List<URI> targets, String method, String query, byte[] body, Secret accessToken)
            throws IOException, InterruptedException {
        IOException lastFailure = null;
        for (int i = 0; i < targets.size(); i++) {
            URI base = targets.get(i);
            boolean last = i == targets.size() - 1;
            URI uri = URI.create(base + ":" + method + (query.isEmpty() ? "" : "?" + query));
            HttpRequest request = headers(HttpRequest.newBuilder(uri), accessToken)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream(), "Cloud Code");
            } catch (java.io.InterruptedIOException e) {
                // The caller was cancelled: not a reason to try the next base URL.
                Thread.interrupted();
                throw new InterruptedException(e.getMessage());
            } catch (IOException e) {
                lastFailure = e;
                continue;
            }
            int status = response.statusCode();
            if (last || !(status == 429 || status == 403 || status >= 500)) {
                return new Exchange(status, response, base);
            }
            response.body().close();
        }
        throw lastFailure != null ? lastFailure : new IOException("no Cloud Code base URL configured");
    }

    private HttpRequest.Builder headers(HttpRequest.Builder builder, Secret accessToken) {
        return builder
                .header("Authorization", "Bearer " + accessToken.reveal())
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header("X-Goog-Api-Client", "google-cloud-sdk vscode_cloudshelleditor/0.1")
                .header("Client-Metadata", CLIENT_METADATA);
    }
}
