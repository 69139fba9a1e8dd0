package dev.nexus.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallsInFlightTest {
    private static final long SECOND = 1_000_000_000L;
    private final CallsInFlight calls = new CallsInFlight();

    /** A call waiting for headers until {@code deadline}, on a connection whose closes {@code aborted} counts. */
    private CallsInFlight.Call waiting(long deadline, AtomicInteger aborted) throws CallsInFlight.Cut {
        CallsInFlight.Call call = calls.enter(deadline);
        call.abortWith(aborted::incrementAndGet);
        return call;
    }

    @Test
    void aCallPastItsHeadersDeadlineHasItsConnectionClosedOnce() throws Exception {
        AtomicInteger aborted = new AtomicInteger();
        CallsInFlight.Call call = waiting(10 * SECOND, aborted);
        calls.expireOverdue(10 * SECOND, 600 * SECOND);
        assertThat(call.expired()).isEmpty();
        calls.expireOverdue(10 * SECOND + 1, 600 * SECOND);
        calls.expireOverdue(11 * SECOND, 600 * SECOND);
        assertExpiredWaitingForHeaders(call, aborted);
    }

    private static void assertExpiredWaitingForHeaders(CallsInFlight.Call call, AtomicInteger aborted) {
        assertThat(call.expired()).contains(CallsInFlight.Expiry.HEADERS);
        assertThat(aborted.get()).as("connection closes").isEqualTo(1);
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
        CallsInFlight.Call other = waiting(SECOND, aborted);
        calls.expireOverdue(2 * SECOND, 600 * SECOND);
        assertThat(failing.expired()).contains(CallsInFlight.Expiry.HEADERS);
        assertExpiredWaitingForHeaders(other, aborted);
    }

    @Test
    void aCutClosesTheConnectionOnceAndIsNotAlsoExpired() throws Exception {
        AtomicInteger aborted = new AtomicInteger();
        CallsInFlight.Call call = waiting(SECOND, aborted);
        calls.cutAll("the server is stopping");
        assertThat(Thread.currentThread().isInterrupted()).as("a call with a connection is woken by closing it").isFalse();
        calls.expireOverdue(2 * SECOND, 600 * SECOND);
        assertThat(call.expired()).isEmpty();
        assertThat(aborted.get()).isEqualTo(1);
        assertThat(call.headersDone(null)).isTrue();
    }

    @Test
    void aCutBeforeTheConnectionInterruptsTheThreadThenClosesTheConnectionAndClearsItsInterrupt() throws Exception {
        CallsInFlight.Call call = calls.enter(Long.MAX_VALUE);
        calls.cutAll("the server is stopping");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        AtomicInteger aborted = new AtomicInteger();
        call.abortWith(aborted::incrementAndGet);
        assertThat(aborted.get()).isEqualTo(1);
        assertThat(call.headersDone(null)).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("the cut's own interrupt is cleared").isFalse();
    }
}
