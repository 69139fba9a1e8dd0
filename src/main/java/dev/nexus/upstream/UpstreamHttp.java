package dev.nexus.upstream;

import dev.nexus.io.WholeBody;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.tls.Tls;
import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientConfig;
import io.helidon.webclient.http1.Http1ClientRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The one HTTP client for every upstream call: Helidon's blocking HTTP/1.1 client, which writes the request and reads
 * the answer on the calling (virtual) thread, on connections {@link KeptConnections} keeps for reuse.
 *
 * <p>It replaced the JDK {@code HttpClient} on a measured reason (bench/README.md): that client hands every read and
 * write to its selector thread and back through its executor, which was about a fifth of Nexus's CPU per request.
 *
 * <p>Two bounds on waiting: each request's headers timeout bounds the wait for the response headers; after them, a body
 * may take as long as it likes while bytes keep coming, and only a silence of {@link #BODY_SILENCE} cuts it (a hung
 * stream, not a slow one). Both are kept by one watch thread looking at the open calls every {@link #WATCH_TICK}
 * ({@link CallsInFlight#expireOverdue}), so a bound is overrun by at most that.
 */
public final class UpstreamHttp implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** How long a body may pause between bytes before the upstream counts as hung. */
    public static final Duration BODY_SILENCE = Duration.ofMinutes(10);
    static final Duration WATCH_TICK = Duration.ofMillis(100);

    private final Duration connectTimeout;
    private final Supplier<SSLContext> tls;
    /**
     * Built on first use ({@link #warm()} or a call), not with this object: the JVM's default TLS context (its trust
     * store read and parsed) and the client cost ~60 ms of CPU that a starting server need not spend before it answers.
     */
    private volatile Client client;
    private final CallsInFlight calls = new CallsInFlight();
    private final Duration bodySilence;
    /** Started with the client. */
    private ScheduledExecutorService watch;

    /** With the JVM's default TLS: its trust store (or {@code javax.net.ssl.trustStore}), host names verified. */
    public UpstreamHttp(Duration connectTimeout) {
        this(connectTimeout, UpstreamHttp::defaultTls);
    }

    /** With {@code tls} for {@code https} upstreams; host names are always verified. */
    public UpstreamHttp(Duration connectTimeout, SSLContext tls) {
        this(connectTimeout, () -> tls);
    }

    private UpstreamHttp(Duration connectTimeout, Supplier<SSLContext> tls) {
        this(connectTimeout, tls, BODY_SILENCE);
    }

    /** With another silence bound, for tests. */
    UpstreamHttp(Duration connectTimeout, Supplier<SSLContext> tls, Duration bodySilence) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.bodySilence = bodySilence;
    }

    /** Builds the client now if no call has yet, so the first upstream call does not pay for it. */
    public void warm() {
        client();
    }

    /** Helidon's client for the exchanges, and the connections they run on (kept by Nexus, not by Helidon). */
    private record Client(Http1Client http, KeptConnections connections) {}

    private Client client() {
        Client built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build(connectTimeout, tls.get());
                    long silence = bodySilence.toNanos();
                    watch = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nexus-upstream-watch").daemon().factory());
                    watch.scheduleWithFixedDelay(() -> calls.expireOverdue(System.nanoTime(), silence),
                            WATCH_TICK.toMillis(), WATCH_TICK.toMillis(), TimeUnit.MILLISECONDS);
                    client = built;
                }
            }
        }
        return built;
    }

    private static Client build(Duration connectTimeout, SSLContext tls) {
        Http1ClientConfig config = Http1ClientConfig.builder()
                .connectTimeout(connectTimeout)
                .tls(Tls.builder().sslContext(tls).endpointIdentificationAlgorithm("HTTPS").build())
                .socketOptions(o -> o.tcpNoDelay(true)) // small SSE events must not wait for Nagle
                .followRedirects(false)
                .sendExpectContinue(false)
                .shareConnectionCache(false)
                .servicesDiscoverServices(false)
                .buildPrototype();
        return new Client(Http1Client.create(config), new KeptConnections(WebClient.create(c -> c.from(config)), config.tls(),
                System::nanoTime));
    }

    /**
     * A request to send: headers in order (a name may repeat), an empty body for none. The URI goes out with its
     * encoding kept, except that the client orders query parameters its own way and sends {@code %2F} in the path as
     * {@code /}.
     */
    public record Request(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body, Duration headersTimeout) {
        public Request {
            headers = List.copyOf(headers);
        }
    }

    /**
     * An answer whose headers arrived; its body is still open. Closing the body (or the answer) before its end drops the
     * connection instead of returning it for reuse.
     */
    public static final class Answer implements AutoCloseable {
        private final int status;
        private final ClientResponseHeaders headers;
        private final InputStream body;

        Answer(int status, ClientResponseHeaders headers, InputStream body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public int status() {
            return status;
        }

        /** Header names in lower case, values in the order received (built on request: most callers need one header). */
        public Map<String, List<String>> headers() {
            Map<String, List<String>> all = new LinkedHashMap<>();
            headers.forEach(h -> all.put(h.name().toLowerCase(Locale.ROOT), h.allValues()));
            return all;
        }

        public Optional<String> header(String name) {
            return headers.first(HeaderNames.create(name));
        }

        public InputStream body() {
            return body;
        }

        /**
         * The whole body, read to its end and closed. Reading to the end is what keeps the connection for the next
         * call: a parser that stops after the last {@code }} would leave the end unseen, and closing drops the connection.
         */
        public byte[] readAll() throws IOException {
            try (InputStream in = body) {
                return WholeBody.read(in, contentLength());
            }
        }

        /** The body's declared length, -1 when not declared (a chunked body). */
        public long contentLength() {
            return headers.contentLength().orElse(-1);
        }

        /**
         * Reads what is left of a body whose content is complete (a stream after its end marker, e.g. {@code [DONE]}) up to
         * the body's end, so that closing it keeps the connection: a chunked body closed before its last chunk has been
         * read drops the connection, and the next call pays a new one. At most 64 KiB are read; after more, closing drops
         * the connection as before, and so does a failure here (the answer itself is complete, so it is not reported).
         * The upstream must end the body after its end marker, as the protocols it is used for say; one that keeps it
         * open holds this call until {@link #BODY_SILENCE}.
         */
        public void finish() {
            byte[] rest = new byte[256];
            long left = MAX_ERROR_BODY;
            try {
                int n;
                while (left > 0 && (n = body.read(rest, 0, (int) Math.min(rest.length, left))) >= 0) {
                    left -= n;
                }
            } catch (IOException dropped) {
                // the connection goes; the answer was whole
            }
        }

        /** Reads at most 64 KiB of the body as text (an error message), then closes it; empty when it cannot be read. */
        public String errorText() {
            try (InputStream in = body) {
                return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing drops the connection; nothing is left to do
            }
        }
    }

    /**
     * Sends the request and waits for the response headers.
     *
     * @param upstream the upstream as messages name it, e.g. {@code Cloud Code}
     * @throws HttpTimeoutException when no response headers arrived within the request's headers timeout (an
     *     {@link HttpConnectTimeoutException} when not even the connection was made); the message says how long it waited
     * @throws InterruptedIOException when the calling thread was interrupted (the connection is dropped)
     * @throws CallsInFlight.Cut when shutdown cut the call (see {@link #calls()})
     * @throws IOException when the upstream cannot be reached or its answer is not HTTP
     */
    public Answer send(Request request, String upstream) throws IOException {
        Client using = client();
        long started = System.nanoTime();
        CallsInFlight.Call open = calls.enter(started + request.headersTimeout().toNanos());
        HttpClientResponse response;
        try {
            try {
                response = exchange(using, request, open, false);
            } catch (RuntimeException e) {
                if (!closedBeforeAnswer(e) || open.wasCut() || open.expired().isPresent()
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // A kept connection the upstream had closed (while idle, or as the request arrived): the request never
                // got an answer, so it goes once more, on a new connection that cannot be stale.
                response = exchange(using, request, open, true);
            }
        } catch (RuntimeException e) {
            boolean cut = open.headersDone(null);
            calls.exit(open);
            if (cut) {
                throw calls.cut();
            }
            if (open.expired().isPresent()) {
                throw new HttpTimeoutException(upstream + " " + noHeaders(request, started));
            }
            throw failure(e, upstream, noHeaders(request, started), "accepted no connection within " + seconds(System.nanoTime() - started));
        }
        Body body = new Body(response, upstream, open);
        if (open.headersDone(body::close)) {
            body.close();
            throw calls.cut();
        }
        if (open.expired().isPresent()) {
            // The deadline passed as the headers came: the watch has closed the connection under them.
            body.close();
            throw new HttpTimeoutException(upstream + " " + noHeaders(request, started));
        }
        return new Answer(response.status().code(), response.headers(), body);
    }

    private HttpClientResponse exchange(Client using, Request request, CallsInFlight.Call open, boolean newConnection) {
        ClientConnection connection = newConnection ? using.connections().open(request.uri()) : using.connections().take(request.uri());
        open.abortWith(connection::closeResource);
        Http1ClientRequest call = using.http().method(Method.create(request.method()))
                .uri(request.uri())
                .connection(connection)
                // No socket timeout: the watch (CallsInFlight) bounds the wait without a timer per read.
                .readTimeout(Duration.ZERO);
        // Setting a header replaces it, so a name given more than once goes out once with all its values.
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            grouped.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        grouped.forEach((name, values) -> call.header(HeaderNames.create(name), values));
        try {
            return request.body().length == 0 && !request.method().equals("POST") ? call.request() : call.submit(request.body());
        } catch (RuntimeException e) {
            // Helidon closes it when the answer fails, but not always when the request could not be written.
            connection.closeResource();
            throw e;
        }
    }

    /**
     * Whether the upstream closed the connection before any of the answer arrived — what a kept connection the upstream
     * already dropped looks like — rather than refusing it, timing out or failing some other way.
     */
    static boolean closedBeforeAnswer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataReader.InsufficientDataAvailableException) {
                return true;
            }
            if (t instanceof SocketException socket && !(t instanceof java.net.ConnectException)) {
                String message = String.valueOf(socket.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("reset") || message.contains("broken pipe") || message.contains("closed");
            }
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return false;
            }
        }
        return false;
    }

    /** The calls open now; shutdown cuts them at its deadline. */
    public CallsInFlight calls() {
        return calls;
    }

    private static String noHeaders(Request request, long started) {
        return "sent no response headers within " + seconds(request.headersTimeout().toNanos()) + " (gave up after "
                + seconds(System.nanoTime() - started) + ")";
    }

    private String silence() {
        return bodySilence.toSecondsPart() == 0 && bodySilence.toMinutes() > 0 ? bodySilence.toMinutes() + " minutes"
                : seconds(bodySilence.toNanos());
    }

    /** A duration for a message: {@code 300 s}, {@code 1.5 s}, {@code 20 ms}. */
    private static String seconds(long nanos) {
        long millis = Math.max(0, nanos / 1_000_000);
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 || millis >= 10_000 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context: " + e.getMessage(), e);
        }
    }

    /** Closes the kept connections. */
    @Override
    public void close() {
        Client built;
        synchronized (this) {
            built = client;
            if (watch != null) {
                watch.shutdownNow();
            }
        }
        if (built != null) {
            built.connections().close();
            built.http().closeResource();
        }
    }

    /** Helidon reports I/O failures unchecked; callers of an upstream expect {@link IOException}s. */
    private static IOException failure(RuntimeException e, String upstream, String timeoutMessage) {
        return failure(e, upstream, timeoutMessage, timeoutMessage);
    }

    /** @param connectMessage what a timeout while connecting means (the connect bound is not the headers bound) */
    private static IOException failure(RuntimeException e, String upstream, String timeoutMessage, String connectMessage) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (Thread.currentThread().isInterrupted()) {
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the " + upstream);
            interrupted.initCause(cause);
            return interrupted;
        }
        if (cause instanceof SocketTimeoutException || hasCause(e, SocketTimeoutException.class)) {
            return connecting(e) ? new HttpConnectTimeoutException(upstream + " " + connectMessage)
                    : new HttpTimeoutException(upstream + " " + timeoutMessage);
        }
        // Clients read these messages: words, no class names (FailureText).
        return new IOException(FailureText.of(cause), cause);
    }

    private static boolean connecting(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The answer's body: Helidon's stream with its unchecked failures turned into {@link IOException}s. Shutdown may close
     * it from another thread; the reader then gets a {@link CallsInFlight.Cut}.
     */
    private final class Body extends FilterInputStream {
        private final HttpClientResponse response;
        private final String upstream;
        private final CallsInFlight.Call call;
        private final AtomicBoolean closed = new AtomicBoolean();

        Body(HttpClientResponse response, String upstream, CallsInFlight.Call call) {
            super(response.inputStream());
            this.response = response;
            this.upstream = upstream;
            this.call = call;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (RuntimeException e) {
                throw readFailure(e);
            }
            call.read();
            return b < 0 ? end() : b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (RuntimeException e) {
                throw readFailure(e);
            }
            call.read();
            return n < 0 ? end() : n;
        }

        /** A body closed by a cut or the silence bound may look ended to the reader; it must not pass for complete. */
        private int end() throws IOException {
            if (call.wasCut()) {
                throw calls.cut();
            }
            if (call.expired().isPresent()) {
                throw silent();
            }
            return -1;
        }

        private IOException readFailure(RuntimeException e) {
            if (call.wasCut()) {
                return calls.cut();
            }
            if (call.expired().isPresent()) {
                return silent();
            }
            return failure(e, upstream, "sent nothing for " + silence());
        }

        private HttpTimeoutException silent() {
            return new HttpTimeoutException(upstream + " sent nothing for " + silence());
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            calls.exit(call);
            try {
                response.close();
            } catch (RuntimeException ignored) {
                // a connection that fails while being dropped is gone either way
            }
        }
    }
}
