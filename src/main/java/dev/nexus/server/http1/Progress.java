package dev.nexus.server.http1;

import dev.nexus.config.Settings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Where one connection is in its request/answer cycle and since when, so the watchdog can tell a client that makes the
 * server wait too long from a server that is busy answering. The connection's thread moves it along (socket reads,
 * request line and headers parsed, answers that say close); the watchdog's thread only reads it, and marks it expired
 * before closing the socket.
 */
final class Progress {
    /** What the connection waits for. */
    enum Phase {
        /** The first byte of a next request: the connection is idle. */
        AWAITING,
        /** The rest of a request line and headers that began arriving. */
        HEAD,
        /** Nothing from the client, unless the handler reads the request body; the answer is the server's business. */
        ROUTED,
        /**
         * The answer that ends the connection is out, and what the client still sends of an unread body is dropped:
         * closing with request bytes unread makes the operating system reset the connection, and the reset can destroy
         * the answer before the client has read it.
         */
        LINGERING
    }

    /** How long a lingering connection waits for the client's next byte before it closes anyway. */
    static final long LINGER_SILENCE_NANOS = Duration.ofSeconds(2).toNanos();
    /** The longest a connection lingers, however steadily the client keeps sending. */
    static final long LINGER_MAX_NANOS = Duration.ofSeconds(30).toNanos();

    private volatile Phase phase = Phase.AWAITING;
    private volatile long phaseSince = System.nanoTime();
    /** When the socket read under way began; -1 while none is. */
    private volatile long readingSince = -1;
    private volatile boolean closeAfterExchange;
    private volatile boolean requestHasBody;
    private volatile long lastBytesAt = System.nanoTime();
    private volatile boolean http10;
    private volatile String expired;
    private BooleanSupplier readingRequestLine = () -> false;

    /** Tells how to see that Helidon is waiting for a request line; set once, before the connection runs. */
    void readingRequestLine(BooleanSupplier probe) {
        this.readingRequestLine = probe;
    }

    boolean readingRequestLine() {
        return readingRequestLine.getAsBoolean();
    }

    /** A socket read begins; one for a request line after an answer means the connection is idle now. */
    void readStarting(boolean forRequestLine) {
        long now = System.nanoTime();
        if (forRequestLine && phase == Phase.ROUTED) {
            phaseSince = now;
            phase = Phase.AWAITING;
        }
        readingSince = now;
    }

    /** The socket read returned; {@code bytes} whether it brought any. */
    void readEnded(boolean bytes) {
        readingSince = -1;
        if (bytes) {
            lastBytesAt = System.nanoTime();
        }
        if (bytes && phase == Phase.AWAITING) {
            phaseSince = System.nanoTime();
            phase = Phase.HEAD;
        }
    }

    /** Helidon parsed a request line; one that was already buffered (pipelined) starts its head's clock here. */
    void requestLineRead() {
        if (phase != Phase.HEAD) {
            phaseSince = System.nanoTime();
            phase = Phase.HEAD;
        }
    }

    /** Helidon parsed the request's headers; it is routed now. */
    void headRead(boolean requestSaysClose, boolean hasBody) {
        if (requestSaysClose) {
            closeAfterExchange = true;
        }
        requestHasBody = hasBody;
        phase = Phase.ROUTED;
    }

    /**
     * Whether the connection should drop what the client still sends before it closes: the request had a body that may
     * be unread. Not after an HTTP/1.0 answer, whose client may be waiting for the close to know the answer ended.
     */
    boolean lingersBeforeClose() {
        return requestHasBody && !http10;
    }

    /** The answer is out; from now on the client's bytes are dropped until it stops or a bound passes. */
    void linger() {
        long now = System.nanoTime();
        phaseSince = now;
        lastBytesAt = now;
        phase = Phase.LINGERING;
    }

    /** The answer says {@code Connection: close} (the handler's choice, or an error that leaves the stream unusable). */
    void answerSaysClose() {
        closeAfterExchange = true;
    }

    /** The request line said HTTP/1.0: its answer is written as 1.0 and ends the connection. */
    void http10() {
        http10 = true;
        closeAfterExchange = true;
    }

    boolean isHttp10() {
        return http10;
    }

    boolean closeAfterExchange() {
        return closeAfterExchange;
    }

    /**
     * Why the connection has waited on its client for too long at {@code now}, if it has: idle between requests, a
     * head not complete in time, or a body read that got nothing.
     */
    Optional<String> overdue(long now, Settings.ConnectionTimeouts timeouts) {
        return switch (phase) {
            case AWAITING -> readingSince >= 0 && now - phaseSince > timeouts.idle().toNanos()
                    ? Optional.of("idle for " + seconds(timeouts.idle()) + " (NEXUS_IDLE_TIMEOUT)") : Optional.empty();
            case HEAD -> now - phaseSince > timeouts.head().toNanos()
                    ? Optional.of("the request's head was not complete within " + seconds(timeouts.head()) + " (NEXUS_HEADER_TIMEOUT)")
                    : Optional.empty();
            case LINGERING -> now - lastBytesAt > LINGER_SILENCE_NANOS || now - phaseSince > LINGER_MAX_NANOS
                    ? Optional.of("the connection ended after its answer") : Optional.empty();
            case ROUTED -> {
                long since = readingSince;
                yield since >= 0 && now - since > timeouts.body().toNanos()
                        ? Optional.of("the client sent no request body bytes for " + seconds(timeouts.body()) + " (NEXUS_BODY_TIMEOUT)")
                        : Optional.empty();
            }
        };
    }

    /** The watchdog gave up on the client; reads that fail from now on say why. */
    void expire(String reason) {
        expired = reason;
    }

    /** Why the watchdog closed the connection, or null. */
    String expired() {
        return expired;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
