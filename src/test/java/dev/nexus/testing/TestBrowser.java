package dev.nexus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The test playing the browser in a login: it follows redirects one at a time (never automatically), so the test
 * sees the consent URL, the callback URL Google sends the browser to, and the page at the end.
 */
public final class TestBrowser implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Opens an address (with optional header name/value pairs) and returns the answer as it is. */
    public HttpResponse<String> get(URI address, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where a redirect answer points; fails the test if the answer is not a redirect. */
    public static URI location(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 3) {
            throw new AssertionError("expected a redirect from " + response.uri() + ", got " + response.statusCode() + ": "
                    + response.body());
        }
        return URI.create(response.headers().firstValue("location")
                .orElseThrow(() -> new AssertionError("redirect without Location from " + response.uri())));
    }

    /**
     * Visits Google's consent page (the fake consents, or denies, as the test queued) and returns the address Google
     * sends the browser on to: the callback URL with {@code state} and {@code code} (or {@code error}).
     */
    public URI consent(URI consentUrl) {
        return location(get(consentUrl));
    }

    @Override
    public void close() {
        http.close();
    }
}
