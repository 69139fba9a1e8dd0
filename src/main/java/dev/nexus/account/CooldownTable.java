package dev.nexus.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which (account, model) pairs are resting after a rate limit, and until when. A cooling account is skipped for
 * that model only; other models keep using it. Read from memory on the request path; written through to the
 * repository off it, loaded from there at start and again whenever the repository's revision moves
 * ({@link #refreshIfChanged()}), so restarts, the CLI and other instances see them too.
 */
public final class CooldownTable {
    /** Shortest rest: Google's sub-second hints would otherwise make the next request hit the same wall. */
    static final Duration FLOOR = Duration.ofSeconds(1);
    /** Longest rest: a daily-quota hint of many hours is re-checked at least this often. */
    static final Duration CAP = Duration.ofHours(6);
    /** How the key rings name their keys here; their rests are counted by the rings, not by {@link #active()}. */
    public static final String KEY_PREFIX = "key:";

    private final Clock clock;
    private final CooldownRepository repository;
    private final java.util.concurrent.Executor background;
    private final Map<Key, Instant> until = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong seenRevision = new java.util.concurrent.atomic.AtomicLong(-1);

    public CooldownTable(Clock clock, CooldownRepository repository, java.util.concurrent.Executor background) {
        this.clock = clock;
        this.repository = repository;
        this.background = background;
        refreshIfChanged();
    }

    /**
     * Takes in the rests stored since the last look (another instance's, the CLI's) when the revision moved. A rest
     * only this process knows so far (its write still queued) is kept: the later end of the two wins, as in
     * {@link #coolDown}.
     */
    public void refreshIfChanged() {
        long revision = repository.revision();
        if (revision == seenRevision.get()) {
            return;
        }
        repository.active(clock.instant()).forEach(c -> until.merge(new Key(c.accountId(), c.model()), c.until(),
                (a, b) -> a.isAfter(b) ? a : b));
        seenRevision.set(revision);
    }

    private record Key(String accountId, String model) {}

    /** Rests the pair until {@code resetAt}, clamped to [floor, cap] from now; a later reset never shortens an earlier one. */
    public Instant coolDown(String accountId, String model, Instant resetAt) {
        Instant now = clock.instant();
        Instant clamped = resetAt.isBefore(now.plus(FLOOR)) ? now.plus(FLOOR)
                : resetAt.isAfter(now.plus(CAP)) ? now.plus(CAP) : resetAt;
        Instant effective = until.merge(new Key(accountId, model), clamped, (a, b) -> a.isAfter(b) ? a : b);
        background.execute(() -> repository.save(accountId, model, effective));
        return effective;
    }

    /**
     * When the account may be used for the model again, if it is resting now: for the model itself or, later, for
     * every model ({@link CredentialSource#EVERY_MODEL}).
     */
    public Optional<Instant> coolingUntil(String accountId, String model) {
        Optional<Instant> own = pair(accountId, model);
        Optional<Instant> all = model.equals(CredentialSource.EVERY_MODEL) ? Optional.empty()
                : pair(accountId, CredentialSource.EVERY_MODEL);
        return own.isEmpty() ? all : all.filter(a -> a.isAfter(own.get())).or(() -> own);
    }

    private Optional<Instant> pair(String accountId, String model) {
        Key key = new Key(accountId, model);
        Instant at = until.get(key);
        if (at == null) {
            return Optional.empty();
        }
        if (!at.isAfter(clock.instant())) {
            until.remove(key, at);
            return Optional.empty();
        }
        return Optional.of(at);
    }

    /** The soonest any of these accounts may serve the model again. */
    public Optional<Instant> earliestReset(Collection<String> accountIds, String model) {
        return accountIds.stream().map(id -> coolingUntil(id, model)).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /** How many (account, model) pairs rest now, for the metrics; expired entries and API keys are not counted. */
    public int active() {
        Instant now = clock.instant();
        int count = 0;
        for (Map.Entry<Key, Instant> entry : until.entrySet()) {
            if (!entry.getKey().accountId().startsWith(KEY_PREFIX) && entry.getValue().isAfter(now)) {
                count++;
            }
        }
        return count;
    }

    /** How many of these rests end after {@code now}; shared with the key rings' count. */
    static int endingAfter(Collection<Instant> ends, Instant now) {
        int count = 0;
        for (Instant end : ends) {
            if (end.isAfter(now)) {
                count++;
            }
        }
        return count;
    }

    /** Every resting pair of one account, for status displays. */
    public Map<String, Instant> coolingModels(String accountId) {
        Map<String, Instant> models = new java.util.TreeMap<>();
        until.forEach((key, at) -> {
            if (key.accountId().equals(accountId) && at.isAfter(clock.instant())) {
                models.put(key.model(), at);
            }
        });
        return models;
    }
}
