package dev.nexus.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexus.secret.Secret;
import dev.nexus.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyRingTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final SettableClock clock = new SettableClock(NOW);
    private final ApiKeyRing ring = new ApiKeyRing("gemini", List.of("AIza-first-key-aaaaaa", "AIza-second-key-bbbbbb", "AIza-third-key-cccccc"), clock);

    private List<Integer> order(String model) {
        return ring.candidates(model).ready().stream().map(ApiKey::index).toList();
    }

    private ApiKey key(int index) {
        return ring.candidates("any").ready().stream().filter(k -> k.index() == index).findFirst().orElseThrow();
    }

    @Test
    void aRestForEveryModelKeepsTheKeyOutForEachModelUntilItEnds() {
        ring.coolDown(key(0), CredentialSource.EVERY_MODEL, NOW.plusSeconds(30));
        ring.coolDown(key(1), "gemini-2.5-flash", NOW.plusSeconds(90));
        ring.coolDown(key(1), CredentialSource.EVERY_MODEL, NOW.plusSeconds(20));

        assertThat(order("gemini-2.5-flash")).containsExactly(2);
        assertThat(order("gemini-2.5-pro")).containsExactly(2);
        assertThat(ring.candidates("gemini-2.5-pro").earliestReset()).contains(NOW.plusSeconds(20));
        clock.advance(Duration.ofSeconds(25));
        assertThat(order("gemini-2.5-pro")).as("key 2's own rest for every model is over").containsExactly(1, 2);
        assertThat(order("gemini-2.5-flash")).as("its longer rest for this model still holds").containsExactly(2);
        clock.advance(Duration.ofSeconds(6));
        assertThat(order("gemini-2.5-pro")).containsExactly(0, 1, 2);
    }

    @Test
    void keysAreTriedInConfiguredOrderFromTheFirst() {
        assertThat(order("gemini-2.5-flash")).containsExactly(0, 1, 2);
        assertThat(ring.candidates("gemini-2.5-flash").earliestReset()).isEmpty();
        assertThat(ring.provider()).isEqualTo("gemini");
        assertThat(ring.isEmpty()).isFalse();
        assertThat(new ApiKeyRing("vertex", List.of(), clock).isEmpty()).isTrue();
    }

    @Test
    void theKeyThatServedLeadsEveryLaterRequestAndTheOthersFollowInRingOrder() {
        ring.served(key(1));

        assertThat(order("gemini-2.5-flash")).containsExactly(1, 2, 0);
        assertThat(order("gemini-2.5-pro")).containsExactly(1, 2, 0);
    }

    @Test
    void aRateLimitedKeyRestsForThatModelOnlyUntilItsReset() {
        Instant until = ring.rateLimited(key(0), "gemini-2.5-flash", NOW.plusSeconds(7));

        assertThat(until).isEqualTo(NOW.plusSeconds(7));
        assertThat(order("gemini-2.5-flash")).containsExactly(1, 2);
        assertThat(ring.candidates("gemini-2.5-flash").earliestReset()).contains(NOW.plusSeconds(7));
        assertThat(order("gemini-2.5-pro")).containsExactly(0, 1, 2);

        clock.advance(Duration.ofSeconds(7));
        assertThat(order("gemini-2.5-flash")).containsExactly(0, 1, 2);
        assertThat(ring.candidates("gemini-2.5-flash").earliestReset()).isEmpty();
    }

    @Test
    void whenEveryKeyRestsNoneIsReadyAndTheEarliestResetIsReported() {
        ring.rateLimited(key(0), "m", NOW.plusSeconds(30));
        ring.rateLimited(key(1), "m", NOW.plusSeconds(9));
        ring.rateLimited(key(2), "m", NOW.plusSeconds(60));

        var candidates = ring.candidates("m");
        assertThat(candidates.ready()).isEmpty();
        assertThat(candidates.earliestReset()).contains(NOW.plusSeconds(9));
    }

    @Test
    void restsAreClampedBetweenOneSecondAndSixHoursAndNeverShortened() {
        assertThat(ring.rateLimited(key(0), "a", NOW.plusMillis(200))).isEqualTo(NOW.plusSeconds(1));
        assertThat(ring.rateLimited(key(0), "b", NOW.plus(Duration.ofDays(1)))).isEqualTo(NOW.plus(Duration.ofHours(6)));
        assertThat(ring.rateLimited(key(0), "b", NOW.plusSeconds(5))).isEqualTo(NOW.plus(Duration.ofHours(6)));
    }

    @Test
    void keysAreMaskedToTheirLastSixCharacters() {
        assertThat(key(0).masked()).isEqualTo("***…aaaaaa");
        assertThat(key(0).toString()).doesNotContain("AIza-first");
        assertThat(new ApiKey(0, Secret.of("abc123")).masked()).isEqualTo("abc123");
    }

    @Test
    void aKeyOfAnotherRingIsRefused() {
        ApiKey foreign = new ApiKeyRing("vertex", List.of("other-vertex-key"), clock).candidates("m").ready().get(0);

        assertThatThrownBy(() -> ring.served(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("other-vertex-key");
    }

    @Test
    void concurrentRateLimitsKeepTheLatestRestOfEachKey() throws InterruptedException {
        List<ApiKey> keys = ring.candidates("m").ready();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int n = t;
            threads[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 300; i++) {
                    ring.rateLimited(keys.get((n + i) % 3), "m", NOW.plusSeconds(10 + i));
                    ring.candidates("m");
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ring.candidates("m").ready()).isEmpty();
        assertThat(ring.candidates("m").earliestReset()).contains(NOW.plusSeconds(10 + 299));
    }

    @Test
    void everyKeyRefusedIsToldOnceUntilAKeyServesAgain() {
        List<String> told = new java.util.ArrayList<>();
        ApiKeyRing watched = new ApiKeyRing("gemini", List.of("AIza-first-key-aaaaaa", "AIza-second-key-bbbbbb"), clock,
                (provider, keys, reason) -> told.add(provider + "/" + keys + "/" + reason));
        List<ApiKey> keys = watched.candidates("m").ready();

        watched.markUnusable(keys.get(0), AccountState.SUSPENDED, "first refused");
        assertThat(told).as("one key is left").isEmpty();
        watched.markUnusable(keys.get(1), AccountState.SUSPENDED, "second refused");
        watched.markUnusable(keys.get(1), AccountState.SUSPENDED, "second refused again");
        assertThat(told).containsExactly("gemini/2/second refused");
        assertThat(watched.candidates("m").ready()).as("refused keys are still tried: only the operator removes them")
                .hasSize(2);

        watched.served(keys.get(0));
        watched.markUnusable(keys.get(0), AccountState.SUSPENDED, "refused once more");
        assertThat(told).containsExactly("gemini/2/second refused", "gemini/2/refused once more");
    }

    @Test
    void restingCountsOnlyRestsThatHaveNotEnded() {
        ring.coolDown(key(0), "a", NOW.plusSeconds(10));
        ring.coolDown(key(1), "a", NOW.plusSeconds(60));
        assertThat(ring.resting()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(30));
        assertThat(ring.resting()).isEqualTo(1);
    }

    @Test
    void aKeyRestLearnedOnOneInstanceKeepsTheKeyOutOnAnotherWithoutStoringTheKey() {
        MemoryCooldowns database = new MemoryCooldowns();
        List<String> keys = List.of("AIza-first-key-aaaaaa", "AIza-second-key-bbbbbb");
        CooldownTable hereTable = new CooldownTable(clock, database, Runnable::run);
        CooldownTable thereTable = new CooldownTable(clock, database, Runnable::run);
        ApiKeyRing here = new ApiKeyRing("gemini", keys, clock, (p, n, r) -> {}, java.util.Optional.of(hereTable));
        ApiKeyRing there = new ApiKeyRing("gemini", keys, clock, (p, n, r) -> {}, java.util.Optional.of(thereTable));

        here.coolDown(here.candidates("m").ready().get(0), "m", NOW.plusSeconds(60));
        thereTable.refreshIfChanged();
        assertThat(there.candidates("m").ready().stream().map(ApiKey::index).toList()).containsExactly(1);
        assertThat(there.candidates("m").earliestReset()).contains(NOW.plusSeconds(60));
        assertThat(there.candidates("other").ready()).hasSize(2);
        assertThat(database.saved).singleElement().satisfies(c -> assertThat(c.accountId()).startsWith("key:gemini:")
                .doesNotContain("AIza"));
        assertThat(thereTable.active()).as("keys are counted by their rings").isZero();
    }
}
