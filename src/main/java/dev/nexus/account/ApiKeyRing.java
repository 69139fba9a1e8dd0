package dev.nexus.account;

import dev.nexus.secret.Secret;
import dev.nexus.secret.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API keys of one key-based upstream (the Gemini API, Vertex) and which of them rest after a rate limit.
 * Keys are tried from a sticky pointer: the key that last answered serves every request until it is rate limited,
 * then the next one takes over (the Go original's behaviour), so one key's quota is used up before the next is
 * touched. A rate-limited key rests for that model only; other models keep using it.
 *
 * <p>Rests are kept in memory and, when the ring is given the server's {@link CooldownTable}, also there under a
 * fingerprint of the key ({@code key:<provider>:<first 16 hex digits of its SHA-256>}, never the key), so every
 * instance on the database skips a key another instance saw rate limited. The sticky pointer stays per process: it
 * only says which ready key to try first. Thread-safe; every request shares one ring per upstream.
 */
public final class ApiKeyRing implements CredentialSource<ApiKey> {
    /** Shortest rest: sub-second hints would make the next request hit the same wall. */
    static final Duration FLOOR = Duration.ofSeconds(1);
    /** Longest rest: a daily-quota hint of many hours is re-checked at least this often. */
    static final Duration CAP = Duration.ofHours(6);

    private final String provider;
    private final List<ApiKey> keys;
    private final Clock clock;
    private final AtomicInteger sticky = new AtomicInteger();
    private final Map<Rest, Instant> resting = new ConcurrentHashMap<>();
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    /** True while the ring may still report "every key refused": re-armed when a key serves again. */
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final AllRefused allRefused;
    private final Optional<CooldownTable> shared;
    /** Each key's name in the shared cooldown table, by index. */
    private final List<String> restIds;

    private record Rest(int index, String model) {}

    /**
     * Told once when the upstream has refused every key of the ring (401, 403, suspended), and again only after a key
     * served since.
     */
    @FunctionalInterface
    public interface AllRefused {
        void allRefused(String provider, int keys, String reason);
    }

    /**
     * @param provider the upstream's provider name, e.g. {@code gemini}
     * @param keys the keys in configured order (may be empty: the upstream is not configured)
     */
    public ApiKeyRing(String provider, List<String> keys, Clock clock) {
        this(provider, keys, clock, (p, n, reason) -> {});
    }

    /** @param allRefused told when the upstream has refused every key (the alerts) */
    public ApiKeyRing(String provider, List<String> keys, Clock clock, AllRefused allRefused) {
        this(provider, keys, clock, allRefused, Optional.empty());
    }

    /** @param shared the cooldown table every instance on the database shares, for the keys' rests */
    public ApiKeyRing(String provider, List<String> keys, Clock clock, AllRefused allRefused, Optional<CooldownTable> shared) {
        this.shared = shared;
        this.restIds = keys.stream()
                .map(key -> CooldownTable.KEY_PREFIX + provider + ":" + Sha256.hex(key).substring(0, 16)).toList();
        this.provider = provider;
        this.clock = clock;
        this.allRefused = allRefused;
        List<ApiKey> ring = new ArrayList<>(keys.size());
        for (String key : keys) {
            ring.add(new ApiKey(ring.size(), Secret.of(key)));
        }
        this.keys = List.copyOf(ring);
    }

    public String provider() {
        return provider;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    /** Every key, masked, for start-up logs. */
    public List<String> masked() {
        return keys.stream().map(ApiKey::masked).toList();
    }

    /** Keys to try for the model, starting at the sticky pointer, keys resting for that model left out. */
    public Candidates<ApiKey> candidates(String model) {
        Instant now = clock.instant();
        int start = sticky.get();
        List<ApiKey> ready = new ArrayList<>(keys.size());
        Instant earliest = null;
        for (int i = 0; i < keys.size(); i++) {
            ApiKey key = keys.get((start + i) % keys.size());
            Optional<Instant> until = restingUntil(key, model, now);
            if (until.isEmpty()) {
                ready.add(key);
            } else if (earliest == null || until.get().isBefore(earliest)) {
                earliest = until.get();
            }
        }
        return new Candidates<>(ready, Optional.ofNullable(earliest), false);
    }

    /** As {@link #candidates(String)}: keys are never named by clients, and every conversation shares the sticky key. */
    @Override
    public Candidates<ApiKey> candidates(String model, Optional<String> pinned, Optional<String> session) {
        return candidates(model);
    }

    @Override
    public Lease lease(ApiKey key) {
        check(key);
        return new Lease(key.id(), key.value());
    }

    /** A refused key cannot be renewed: the loop moves on to the next key. */
    @Override
    public Optional<Lease> refreshed(ApiKey key, Lease refused) {
        return Optional.empty();
    }

    @Override
    public void served(ApiKey key, Optional<String> session) {
        served(key);
    }

    @Override
    public Instant coolDown(ApiKey key, String model, Instant until) {
        return rateLimited(key, model, until);
    }

    /**
     * Keys come from the environment, so only the operator takes one out; until then the next key is tried. The ring
     * only remembers the refusal, to tell the operator once every key has been refused.
     */
    @Override
    public void markUnusable(ApiKey key, AccountState state, String reason) {
        authRefused(key, reason);
    }

    /** The upstream refused the key (401, 403, an invalid key): remembered as {@link #markUnusable} does. */
    @Override
    public void authRefused(ApiKey key, String reason) {
        check(key);
        refused.add(key.index());
        if (refused.size() >= keys.size() && armed.compareAndSet(true, false)) {
            allRefused.allRefused(provider, keys.size(), reason);
        }
    }

    /** How many (key, model) pairs rest now, for the metrics. */
    public int resting() {
        return CooldownTable.endingAfter(resting.values(), clock.instant());
    }

    /**
     * The key is rate limited for the model until {@code until} (clamped 1 s .. 6 h); returns the clamped time.
     * A rest already recorded that ends later is kept, and its end returned, so a short hint never shortens it.
     */
    public Instant rateLimited(ApiKey key, String model, Instant until) {
        check(key);
        Instant now = clock.instant();
        Instant clamped = until.isBefore(now.plus(FLOOR)) ? now.plus(FLOOR)
                : until.isAfter(now.plus(CAP)) ? now.plus(CAP) : until;
        Instant effective = resting.merge(new Rest(key.index(), model), clamped, (a, b) -> a.isAfter(b) ? a : b);
        shared.ifPresent(table -> table.coolDown(restIds.get(key.index()), model, effective));
        return effective;
    }

    /** The key answered: the sticky pointer moves to it (shared by all requests). */
    public void served(ApiKey key) {
        check(key);
        sticky.set(key.index());
        if (!refused.isEmpty() && refused.remove(key.index())) {
            armed.set(true);
        }
    }

    /**
     * When the key may serve the model again: its rest for the model or, later, for every model, as this process knows
     * it or, later, as another instance stored it.
     */
    private Optional<Instant> restingUntil(ApiKey key, String model, Instant now) {
        Optional<Instant> own = rest(key, model, now);
        Optional<Instant> all = model.equals(EVERY_MODEL) ? Optional.empty() : rest(key, EVERY_MODEL, now);
        Optional<Instant> here = own.isEmpty() ? all : all.filter(a -> a.isAfter(own.get())).or(() -> own);
        Optional<Instant> elsewhere = shared.flatMap(table -> table.coolingUntil(restIds.get(key.index()), model));
        return here.isEmpty() ? elsewhere : elsewhere.filter(e -> e.isAfter(here.get())).or(() -> here);
    }

    private Optional<Instant> rest(ApiKey key, String model, Instant now) {
        Rest rest = new Rest(key.index(), model);
        Instant until = resting.get(rest);
        if (until == null) {
            return Optional.empty();
        }
        if (!until.isAfter(now)) {
            resting.remove(rest, until);
            return Optional.empty();
        }
        return Optional.of(until);
    }

    private void check(ApiKey key) {
        if (key.index() < 0 || key.index() >= keys.size() || !keys.get(key.index()).equals(key)) {
            throw new IllegalArgumentException(key + " is not one of the " + provider + " keys");
        }
    }
}
