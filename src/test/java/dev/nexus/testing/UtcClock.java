package dev.nexus.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** A test clock in UTC whose instants come from the test; a subclass (or {@link #of}) says where. */
public abstract class UtcClock extends Clock {

    /** A clock reading its instants from {@code now}, e.g. a fake's time that the test pushes forward. */
    public static UtcClock of(Supplier<Instant> now) {
        return new UtcClock() {
            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
