package dev.nexus.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeasesTest {
    /** Held by another instance for the first {@code heldFor} asks. */
    private static Leases heldFor(int asks, AtomicInteger asked) {
        return new Leases() {
            @Override
            public boolean tryTake(String name, Duration lapseAfter) {
                return asked.incrementAndGet() > asks;
            }

            @Override
            public void release(String name) {}
        };
    }

    @Test
    void awaitTakesTheLeaseOnceItsHolderLetsGo() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        assertThat(heldFor(3, asked).await("refresh:a", Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofSeconds(10)))
                .isTrue();
        assertThat(asked).hasValue(4);
    }

    @Test
    void awaitGivesUpWhenTheLeaseStaysHeld() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();
        assertThat(heldFor(Integer.MAX_VALUE, asked).await("refresh:a", Duration.ofSeconds(60), Duration.ofMillis(1),
                Duration.ofMillis(30))).isFalse();
        assertThat(asked.get()).isGreaterThan(1);
    }

    @Test
    void aFreeLeaseIsTakenAtOnce() throws InterruptedException {
        assertThat(Leases.LOCAL.await("x", Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(1))).isTrue();
    }
}
