package dev.nexus.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Wall-clock time plus an offset a test can push forward, so token expiry is testable without sleeping. */
final class AdjustableClock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    Instant now() {
        return Instant.now().plus(offset.get());
    }

    void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }
}
