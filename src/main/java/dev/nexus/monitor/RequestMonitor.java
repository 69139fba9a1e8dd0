package dev.nexus.monitor;

import dev.nexus.chat.RandomIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's front door for the server: which paths are recorded, opening an {@link Observation} when such a
 * request arrives, and closing it when the answer is out — which shows the record on the live feed and queues it for
 * the database. Never throws into the request and never blocks it.
 */
public final class RequestMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestMonitor.class);

    private final RecordWriter writer;
    private final LiveFeed feed;
    private final BodyLogging bodies;
    private final Clock clock;
    private final Consumer<RequestRecord> finished;
    private final AtomicInteger open = new AtomicInteger();

    public RequestMonitor(RecordWriter writer, LiveFeed feed, BodyLogging bodies, Clock clock) {
        this(writer, feed, bodies, clock, record -> {});
    }

    /**
     * @param finished shown every finished record (without bodies) on the request's thread, e.g. to count it in the
     *     metrics; must be cheap and must not block
     */
    public RequestMonitor(RecordWriter writer, LiveFeed feed, BodyLogging bodies, Clock clock,
            Consumer<RequestRecord> finished) {
        this.writer = writer;
        this.feed = feed;
        this.bodies = bodies;
        this.clock = clock;
        this.finished = finished;
    }

    /** What the live stream reports besides records. */
    public record Stats(long dropped, int queued, boolean logBodies) {}

    public boolean watches(String path) {
        return Surface.watched(path);
    }

    public Observation begin(String requestId, String method, String path) {
        return begin(requestId, method, path, Surface.of(path));
    }

    /** As {@link #begin(String, String, String)}, for a surface the server tells apart itself (the provider pass-through). */
    public Observation begin(String requestId, String method, String path, Surface surface) {
        try {
            Instant now = clock.instant();
            Observation observation = new Observation(newId(now), now, System.nanoTime(), requestId, method, path,
                    surface, bodies.on());
            open.incrementAndGet();
            return observation;
        } catch (RuntimeException e) {
            LOG.debug("cannot observe {} {}: {}", method, path, e.toString());
            return Observation.unwatched();
        }
    }

    /** The request is over with {@code status}; only the first call for an observation counts. */
    public void finish(Observation observation, int status) {
        if (!observation.finishOnce()) {
            return;
        }
        open.decrementAndGet();
        try {
            Pending pending = observation.finish(status, System.nanoTime());
            feed.publish(pending.record());
            writer.offer(pending);
            finished.accept(pending.record());
        } catch (RuntimeException e) {
            LOG.warn("could not record request {} {}: {}", observation.method, observation.path, e.toString());
        }
    }

    /** Requests observed and not finished yet. */
    public int inFlight() {
        return open.get();
    }

    /**
     * Waits until every observed request has finished (its record queued), or {@code deadline} passed; for shutdown,
     * before the writer closes. Returns whether all finished.
     */
    public boolean awaitIdle(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (open.get() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return open.get() == 0;
            }
        }
        return true;
    }

    public Stats stats() {
        return new Stats(writer.dropped(), writer.queued(), bodies.on());
    }

    /**
     * The start's epoch milliseconds (12 hex digits), then 48 random bits: unique across restarts and servers that share a
     * database (the id is the primary key), and in time order, so a batch of new records lands on the last pages of the
     * key's index instead of dirtying one random page per record (random ids made the log's commits write a page each).
     */
    static String newId(Instant startedAt) {
        String millis = Long.toHexString(startedAt.toEpochMilli());
        return "rl_" + "0".repeat(Math.max(0, 12 - millis.length())) + millis + RandomIds.hex(6);
    }
}
