package dev.nexus.provider;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends an upstream request and waits at most a deadline for its response headers; the body may then stream for as
 * long as the upstream writes. The wait is a timed park of the calling (virtual) thread: the JDK client's own
 * {@code HttpRequest.timeout} would register a timer under a client-wide lock on every request, which profiling
 * showed among the hottest spots of the request path.
 */
public final class HeaderDeadline {
    private final HttpClient http;
    private final Duration deadline;

    public HeaderDeadline(HttpClient http, Duration deadline) {
        this.http = http;
        this.deadline = deadline;
    }

    public Duration deadline() {
        return deadline;
    }

    /**
     * @param upstream the upstream as messages name it, e.g. {@code Gemini API}
     * @throws HttpTimeoutException when no response headers arrived in time (the request is cancelled)
     * @throws InterruptedIOException when the calling thread is interrupted (the request is cancelled)
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, String upstream) throws IOException {
        CompletableFuture<HttpResponse<T>> pending = http.sendAsync(request, body);
        try {
            return pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException(upstream + " sent no response headers within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the " + upstream);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("request to the " + upstream + " failed: " + e.getCause(), e.getCause());
        }
    }
}
