package dev.nexus.metrics;

import dev.nexus.account.Account;
import dev.nexus.account.AccountDirectory;
import dev.nexus.account.AccountState;
import dev.nexus.account.ApiKeyRing;
import dev.nexus.account.CooldownTable;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Meters read when scraped, from state the server keeps anyway: {@code nexus_accounts{provider,state}} from the
 * account directory (every provider and state, zeros included), {@code nexus_cooldowns_active{pool}} (resting
 * (credential, model) pairs of the OAuth accounts and of each key ring), and counters of what was lost:
 * {@code nexus_monitor_dropped_records_total}, {@code nexus_alert_webhook_dropped_total} and
 * {@code nexus_alert_webhook_failed_total}.
 */
public final class StateGauges {
    private static final List<String> PROVIDERS = List.of(Account.GOOGLE, Account.CODEX);

    private StateGauges() {}

    /**
     * @param droppedRecords request records the monitor lost
     * @param webhookDropped alert events dropped because the webhook's queue was full
     * @param webhookFailed alert events given up on after every delivery try
     */
    public static void register(MeterRegistry registry, AccountDirectory accounts, CooldownTable cooldowns,
            List<ApiKeyRing> rings, LongSupplier droppedRecords, LongSupplier webhookDropped, LongSupplier webhookFailed) {
        for (String provider : PROVIDERS) {
            for (AccountState state : AccountState.values()) {
                Gauge.builder("nexus.accounts", accounts, d -> count(d, provider, state))
                        .description("Upstream accounts by provider and state")
                        .tags("provider", provider, "state", state.wireName()).register(registry);
            }
        }
        Gauge.builder("nexus.cooldowns.active", cooldowns, CooldownTable::active)
                .description("(credential, model) pairs resting after a rate limit")
                .tag("pool", "accounts").register(registry);
        for (ApiKeyRing ring : rings) {
            if (!ring.isEmpty()) {
                Gauge.builder("nexus.cooldowns.active", ring, ApiKeyRing::resting)
                        .description("(credential, model) pairs resting after a rate limit")
                        .tag("pool", ring.provider()).register(registry);
            }
        }
        counter(registry, "nexus.monitor.dropped.records", "Request records lost before the database had them", droppedRecords);
        counter(registry, "nexus.alert.webhook.dropped", "Alert events dropped because the webhook queue was full", webhookDropped);
        counter(registry, "nexus.alert.webhook.failed", "Alert events the webhook receiver never accepted", webhookFailed);
    }

    private static double count(AccountDirectory directory, String provider, AccountState state) {
        int n = 0;
        for (Account a : directory.all()) {
            if (a.provider().equals(provider) && a.state() == state) {
                n++;
            }
        }
        return n;
    }

    private static void counter(MeterRegistry registry, String name, String description, LongSupplier value) {
        FunctionCounter.builder(name, value, v -> v.getAsLong()).description(description).register(registry);
    }
}
