package dev.nexus.provider.codex;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest Codex usage windows each ChatGPT account's answers stated ({@code x-codex-*} headers), kept in memory:
 * the provider records them per call, the quota views read them. A restart forgets them until the next answer.
 */
public final class CodexQuotaWindows {
    private final Clock clock;
    private final Map<String, Seen> latest = new ConcurrentHashMap<>();

    /** @param quota the windows as stated; @param at when the answer stating them arrived */
    public record Seen(CodexQuota quota, Instant at) {}

    public CodexQuotaWindows(Clock clock) {
        this.clock = clock;
    }

    /** Keeps {@code quota} as the account's latest, stamped now. */
    public void record(String accountId, CodexQuota quota) {
        latest.put(accountId, new Seen(quota, clock.instant()));
    }

    /** The account's latest stated windows; empty when no answer of this process stated any. */
    public Optional<Seen> latest(String accountId) {
        return Optional.ofNullable(latest.get(accountId));
    }
}
