package dev.nexus.keylimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With Redis unreachable the shared counters count here: slots are taken and given back, limits still hold. */
class SharedCountersTest {
    private static final KeyUsageRepository NO_USAGE = new KeyUsageRepository() {
        @Override
        public long tokens(String keyId, String period) {
            return 0;
        }

        @Override
        public void add(String keyId, List<String> periods, long tokens) {}
    };

    @Test
    void whileRedisIsAwaySlotsAndRequestsAreCountedLocally() {
        LocalCounters local = new LocalCounters(NO_USAGE);
        try (SharedCounters counters = new SharedCounters(new RedisCounters("redis://127.0.0.1:9", NO_USAGE), local, "127.0.0.1:9")) {
            Optional<KeyCounters.Slot> first = counters.takeSlot("key_a", 1);
            assertThat(first).isPresent();
            assertThat(counters.takeSlot("key_a", 1)).isEmpty();
            first.get().close();
            assertThat(local.inFlight("key_a")).isZero();
            assertThat(counters.takeSlot("key_a", 1)).isPresent();

            assertThat(counters.takeRequest("key_a", "min:1", 1)).isTrue();
            assertThat(counters.takeRequest("key_a", "min:1", 1)).isFalse();
            counters.addTokens("key_a", List.of("min:1", "d:2026-12-31"), 7);
            assertThat(counters.tokens("key_a", "d:2026-12-31")).isEqualTo(7);
        }
    }
}
