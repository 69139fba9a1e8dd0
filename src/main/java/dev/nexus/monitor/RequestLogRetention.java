package dev.nexus.monitor;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the request log within NEXUS_LOG_RETENTION_DAYS and NEXUS_LOG_MAX_ROWS: removes records older than the
 * retention, then the oldest beyond the row limit. Run at start and every ten minutes.
 */
public final class RequestLogRetention implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogRetention.class);

    private final RequestLogRepository repository;
    private final Duration retention;
    private final long maxRows;
    private final Clock clock;

    public RequestLogRetention(RequestLogRepository repository, Duration retention, long maxRows, Clock clock) {
        this.repository = repository;
        this.retention = retention;
        this.maxRows = maxRows;
        this.clock = clock;
    }

    /** How many records one pass removed. */
    public record Removed(int expired, int beyondLimit) {}

    public Removed purge() {
        int expired = repository.deleteBefore(clock.instant().minus(retention));
        int beyond = repository.keepNewest(maxRows);
        return new Removed(expired, beyond);
    }

    @Override
    public void run() {
        try {
            Removed removed = purge();
            if (removed.expired() + removed.beyondLimit() > 0) {
                LOG.info("request log: removed {} record(s) older than {} days and {} beyond the limit of {} rows",
                        removed.expired(), retention.toDays(), removed.beyondLimit(), maxRows);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not trim the request log (will retry in 10 minutes): {}", e.toString());
        }
    }
}
