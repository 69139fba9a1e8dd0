package dev.nexus.monitor;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What is learnt about one request while it runs. The server opens it, fronts and writers add to it, the server
 * closes it through {@link RequestMonitor#finish}. Every method is cheap, never blocks and never throws; bodies are
 * copied only while body logging was on when the request began. Thread-safe.
 */
public final class Observation {
    /** How much of an error answer is kept to find its message when nothing said it explicitly. */
    private static final int ERROR_BODY_BYTES = 4 * 1024;

    private final boolean watched;
    private final String id;
    private final Instant startedAt;
    private final long startNanos;
    private final String requestId;
    final String method;
    final String path;
    private final Surface surface;
    private final boolean keepBodies;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicLong firstByteNanos = new AtomicLong(-1);
    private final BodyCapture request;
    private final BodyCapture response;
    private final BodyCapture errorBody = new BodyCapture(ERROR_BODY_BYTES);
    private volatile Supplier<Route> route = () -> Route.NONE;
    private volatile long[] usage;
    private volatile String error;
    private volatile String keyId;
    private volatile String keyName;

    Observation(String id, Instant startedAt, long startNanos, String requestId, String method, String path, boolean keepBodies) {
        this(true, id, startedAt, startNanos, requestId, method, path, keepBodies);
    }

    private Observation(boolean watched, String id, Instant startedAt, long startNanos, String requestId, String method,
            String path, boolean keepBodies) {
        this(watched, id, startedAt, startNanos, requestId, method, path, Surface.of(path), keepBodies);
    }

    Observation(String id, Instant startedAt, long startNanos, String requestId, String method, String path, Surface surface,
            boolean keepBodies) {
        this(true, id, startedAt, startNanos, requestId, method, path, surface, keepBodies);
    }

    private Observation(boolean watched, String id, Instant startedAt, long startNanos, String requestId, String method,
            String path, Surface surface, boolean keepBodies) {
        this.watched = watched;
        this.id = id;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.surface = surface;
        this.keepBodies = keepBodies;
        int capture = keepBodies ? Redaction.BODY_CHARS + Redaction.CAPTURE_MARGIN : 0;
        this.request = new BodyCapture(capture);
        this.response = new BodyCapture(capture);
    }

    /** An observation nobody records: what a request outside the monitor's paths gets, so callers need no checks. */
    public static Observation unwatched() {
        return new Observation(false, "", Instant.EPOCH, 0, "", "", "", false);
    }

    /** The first response byte is going out now; later calls are ignored. */
    public void firstByte() {
        if (watched) {
            firstByteNanos.compareAndSet(-1, System.nanoTime());
        }
    }

    /** True once the answer began to go out: its status is on the wire even if the client left afterwards. */
    public boolean answerStarted() {
        return firstByteNanos.get() >= 0;
    }

    /** Where the request went; asked once, when the request is over (the gateway fills it in as it routes). */
    public void route(Supplier<Route> route) {
        if (watched && route != null) {
            this.route = route;
        }
    }

    /** Token counts so far (cumulative); the last call counts. */
    public void usage(long inputTokens, long outputTokens) {
        if (watched) {
            usage = new long[] {inputTokens, outputTokens};
        }
    }

    /** The error the client got; the first one said counts. */
    public void error(String message) {
        if (watched && error == null && message != null && !message.isBlank()) {
            error = message;
        }
    }

    /** Which client key authenticated the request. */
    public void key(String id, String name) {
        if (watched) {
            keyId = id;
            keyName = name;
        }
    }

    public void requestBody(byte[] body) {
        if (watched && keepBodies && body != null) {
            request.add(body, 0, body.length);
        }
    }

    /** Bytes of the answer as they are written, with the status they go out under. */
    public void responseBytes(int status, byte[] data, int offset, int length) {
        if (!watched || data == null) {
            return;
        }
        if (keepBodies) {
            response.add(data, offset, length);
        }
        if (status >= 400) {
            errorBody.add(data, offset, length);
        }
    }

    public void responseBytes(int status, byte[] data) {
        if (data != null) {
            responseBytes(status, data, 0, data.length);
        }
    }

    /** True the first time only: the record is built once. */
    boolean finishOnce() {
        return watched && finished.compareAndSet(false, true);
    }

    /**
     * The record of the request, ending now with {@code status}, and its captured bodies. Path and error are redacted
     * here (the record goes to the live feed at once); the bodies are redacted later by the writer, off the request's
     * thread.
     */
    Pending finish(int status, long nowNanos) {
        Route r = route.get();
        if (r == null) {
            r = Route.NONE;
        }
        long first = firstByteNanos.get();
        Long ttfb = first < 0 ? null : Math.max(0, (first - startNanos) / 1_000_000);
        long[] tokens = usage;
        String message = error;
        if (message == null && status >= 400 && !errorBody.isEmpty()) {
            message = ErrorText.of(errorBody.text());
        }
        RequestRecord record = new RequestRecord(id, startedAt, requestId, method, Redaction.text(path), surface.wireName(),
                status, Math.max(0, (nowNanos - startNanos) / 1_000_000), ttfb, r.clientModel(), r.provider(), r.targetModel(),
                r.accountId(), r.account(), keyId, keyName, tokens == null ? null : tokens[0],
                tokens == null ? null : tokens[1], r.attempts(), message == null ? null : Redaction.text(message), null, null);
        return keepBodies ? new Pending(record, request, response) : new Pending(record, null, null);
    }
}
