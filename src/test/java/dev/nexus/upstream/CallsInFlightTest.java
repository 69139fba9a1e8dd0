package dev.nexus.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallsInFlightTest {
    private static final long SECOND = 1_000_000_000L;
    private final CallsInFlight calls = new CallsInFlight();

    @Test
    void aCallPastItsHeadersDeadlineHasItsConnectionClosedOnce() throws Exception {
        AtomicInteger aborted = new AtomicInteger();
        CallsInFlight.Call call = calls.enter(10 * SECOND);
        call.abortWith(aborted::incrementAndGet);
        calls.expireOverdue(10 * SECOND, 600 * SECOND);
        assertThat(call.expired()).isEmpty();
        calls.expireOverdue(10 * SECOND + 1, 600 * SECOND);
        calls.expireOverdue(11 * SECOND, 600 * SECOND);
        assertThat(call.expired()).contains(CallsInFlight.Expiry.HEADERS);
        assertThat(aborted.get()).isEqualTo(1);
    }

    @Test
    void aConnectionMadeAfterTheDeadlinePassedIsClosedAtOnce() throws Exception {
        AtomicInteger aborted = new AtomicInteger();
        CallsInFlight.Call call = calls.enter(SECOND);
        calls.expireOverdue(2 * SECOND, 600 * SECOND);
        call.abortWith(aborted::incrementAndGet);
        assertThat(aborted.get()).isEqualTo(1);
    }

    @Test
    void aBodyIsClosedOnlyAfterTheWholeSilenceWithoutAnyRead() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        CallsInFlight.Call call = calls.enter(Long.MAX_VALUE);
        assertThat(call.headersDone(closed::incrementAndGet)).isFalse();
        long t = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            t += 8 * SECOND;
            call.read();
            calls.expireOverdue(t, 10 * SECOND);
        }
        assertThat(call.expired()).isEmpty();
        calls.expireOverdue(t + 10 * SECOND, 10 * SECOND);
        assertThat(call.expired()).isEmpty();
        calls.expireOverdue(t + 10 * SECOND + 1, 10 * SECOND);
        assertThat(call.expired()).contains(CallsInFlight.Expiry.BODY_SILENCE);
        assertThat(closed.get()).isEqualTo(1);
    }

    @Test
    void aCloseThatFailsDoesNotStopTheWatchForTheOthers() throws Exception {
        CallsInFlight.Call failing = calls.enter(SECOND);
        failing.abortWith(() -> {
            throw new IllegalStateException("socket already gone");
        });
        AtomicInteger aborted = new AtomicInteger();
        CallsInFlight.Call other = calls.enter(SECOND);
        other.abortWith(aborted::incrementAndGet);
        calls.expireOverdue(2 * SECOND, 600 * SECOND);
        assertThat(failing.expired()).contains(CallsInFlight.Expiry.HEADERS);
        assertThat(aborted.get()).isEqualTo(1);
    }

    @Test
    void aCutCallIsNotAlsoExpired() throws Exception {
        AtomicInteger aborted = new AtomicInteger();
        CallsInFlight.Call call = calls.enter(SECOND);
        call.abortWith(aborted::incrementAndGet);
        calls.cutAll("the server is stopping");
        Thread.interrupted(); // the cut interrupted this thread, as it wakes a caller waiting for headers
        calls.expireOverdue(2 * SECOND, 600 * SECOND);
        assertThat(call.expired()).isEmpty();
        assertThat(aborted.get()).isZero();
    }
}
