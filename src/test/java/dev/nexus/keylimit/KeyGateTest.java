package dev.nexus.keylimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.KeyPolicy;
import dev.nexus.testing.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The gate's bookkeeping: budgets crossing 90 % tell the watcher once, and stored day totals carry over. */
class KeyGateTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Map<String, Long> stored = new ConcurrentHashMap<>();
    private final KeyUsageRepository usage = new KeyUsageRepository() {
        @Override
        public long tokens(String keyId, String period) {
            return stored.getOrDefault(keyId + "|" + period, 0L);
        }

        @Override
        public void add(String keyId, List<String> periods, long tokens) {
            periods.forEach(p -> stored.merge(keyId + "|" + p, tokens, Long::sum));
        }
    };
    private final UsageTally tally = new UsageTally(usage);
    private final List<String> crossings = new ArrayList<>();
    private final BudgetWatcher watcher = (key, budget, used, limit) -> crossings.add(key.name() + " " + budget + " " + used + "/" + limit);

    private static ClientKey key(KeyPolicy policy) {
        return new ClientKey("key_1", "team", "sk-nx-abcdef", Instant.EPOCH, Optional.empty(), Optional.empty(), policy);
    }

    private void request(KeyGate gate, ClientKey key, long input, long output) {
        KeyTicket ticket = gate.ticket(key);
        assertThat(ticket.admit("gemini-3-flash")).isEmpty();
        ticket.usage(input, output);
        ticket.close();
        ticket.close();
    }

    @Test
    void aBudgetCrossingNinetyPercentTellsTheWatcherOnce() {
        KeyGate gate = new KeyGate(new LocalCounters(usage), tally, watcher, clock);
        ClientKey key = key(KeyPolicy.UNLIMITED.withDailyTokens(OptionalLong.of(100)));

        request(gate, key, 50, 39);
        assertThat(crossings).isEmpty();
        request(gate, key, 1, 0);
        request(gate, key, 5, 0);

        assertThat(crossings).containsExactly("team daily 90/100");
        assertThat(stored).as("written at the flush, not per request").isEmpty();
        tally.flush();
        assertThat(stored).containsEntry("key_1|d:2026-12-06", 95L).containsEntry("key_1|m:2026-12", 95L);
    }

    @Test
    void aNewGateStartsFromTheStoredDayTotal() {
        stored.put("key_1|d:2026-12-06", 100L);
        KeyGate gate = new KeyGate(new LocalCounters(usage), tally, watcher, clock);
        ClientKey key = key(KeyPolicy.UNLIMITED.withDailyTokens(OptionalLong.of(100)));

        assertThat(gate.ticket(key).admit("gemini-3-flash")).hasValueSatisfying(refusal -> {
            assertThat(refusal.status()).isEqualTo(429);
            assertThat(refusal.message()).contains("daily token budget of 100");
            assertThat(refusal.retryAfterHeader()).hasValue(Long.toString(14 * 3600));
        });
    }

    @Test
    void theEnvironmentKeyIsNeverLimited() {
        KeyGate gate = new KeyGate(new LocalCounters(usage), tally, watcher, clock);
        ClientKey env = new ClientKey(ClientKey.ENVIRONMENT_ID, "NEXUS_API_KEY", "(environment)", Instant.EPOCH,
                Optional.empty(), Optional.empty(), KeyPolicy.UNLIMITED.withRequestsPerMinute(OptionalLong.of(1)));
        assertThat(gate.ticket(env)).isSameAs(KeyTicket.UNLIMITED);
    }
}
