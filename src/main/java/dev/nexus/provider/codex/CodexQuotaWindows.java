package dev.nexus.provider.codex;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last Codex usage windows seen per ChatGPT account (from the {@code x-codex-*} headers of an answer, or from the
 * backend's usage endpoint), in memory: the windows are the backend's to keep, Nexus only remembers what it was told.
 * Thread-safe.
 */
public final class CodexQuotaWindows {
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public CodexQuotaWindows(Clock clock) {
        this.clock = clock;
    }

    /** The windows an answer for the account just stated; replaces what was seen before. */
    public void record(String accountId, CodexQuota quota) {
        seen.put(Objects.requireNonNull(accountId), new Seen(Objects.requireNonNull(quota), clock.instant()));
    }

    /** The last windows seen for the account, if any answer stated them since the server started. */
    public Optional<Seen> latest(String accountId) {
        return Optional.ofNullable(seen.get(accountId));
    }

    /** @param at when Nexus saw them */
    public record Seen(CodexQuota quota, Instant at) {}
}
