package dev.nexus.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void subscribersSeeRecordsWithoutBodies() throws InterruptedException {
        LiveFeed feed = new LiveFeed();
        try (LiveFeed.Subscription s = feed.subscribe()) {
            feed.publish(Records.record("rl_1", T0).withBodies("{\"secret\":1}", "answer"));
            RequestRecord seen = s.next(Duration.ofSeconds(1)).orElseThrow();
            assertThat(seen.id()).isEqualTo("rl_1");
            assertThat(seen.requestBody()).isNull();
            assertThat(seen.responseBody()).isNull();
            assertThat(s.next(Duration.ofMillis(10))).isEmpty();
            assertThat(feed.subscribers()).isEqualTo(1);
        }
        assertThat(feed.subscribers()).isZero();
    }

    @Test
    void closingTheFeedWakesAndEndsEverySubscription() throws InterruptedException {
        LiveFeed feed = new LiveFeed();
        LiveFeed.Subscription s = feed.subscribe();
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            feed.close();
        });
        long start = System.nanoTime();
        assertThat(s.next(Duration.ofSeconds(30))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(s.ended()).isTrue();
        assertThat(feed.subscribe().ended()).isTrue();
        closer.join();
    }
}
