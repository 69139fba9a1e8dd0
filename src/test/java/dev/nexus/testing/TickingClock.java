package dev.nexus.testing;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that starts at a fixed instant and moves one millisecond every time it is read: ordered, repeatable. */
public final class TickingClock extends UtcClock {
    private final AtomicLong millis;

    public TickingClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.getAndIncrement());
    }

    @Override
    public long millis() {
        return millis.getAndIncrement();
    }

    /** The last instant handed out. */
    public Instant last() {
        return Instant.ofEpochMilli(millis.get() - 1);
    }
}
