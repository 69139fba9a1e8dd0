package dev.nexus.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.nexus.account.Account;
import dev.nexus.account.AccountPool;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.Lease;
import dev.nexus.provider.cloudcode.CloudCodeModels;
import dev.nexus.secret.Masks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live model catalog: per active Google account, the models {@code fetchAvailableModels} lists for it (kept for
 * {@link #DEFAULT_TTL}, fetched again sooner after Cloud Code answered 404 for a model, see {@link #stale}), and their
 * union, which {@link ModelResolver} resolves client names against. A failed fetch never fails a request: the account's
 * last known list stands in (a failed fetch is retried after {@link #RETRY_AFTER_FAILURE}); an account never listed
 * contributes nothing, and with no account listed at all the union is unknown.
 */
public final class ModelCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    /** How long an account's list is used before it is fetched again. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final ModelRoutes routes;
    private final AccountPool pool;
    private final CloudCodeModels cloudCode;
    private final Clock clock;
    private final Cache<String, Fetch> fetched;
    /** Each account's last successful list, to stand in when a later fetch fails; one entry per account. */
    private final Map<String, List<CloudCodeModels.Available>> lastKnown = new ConcurrentHashMap<>();

    public ModelCatalog(ModelRoutes routes, AccountPool pool, CloudCodeModels cloudCode, Clock clock) {
        this(routes, pool, cloudCode, clock, DEFAULT_TTL);
    }

    public ModelCatalog(ModelRoutes routes, AccountPool pool, CloudCodeModels cloudCode, Clock clock, Duration ttl) {
        this.routes = routes;
        this.pool = pool;
        this.cloudCode = cloudCode;
        this.clock = clock;
        this.fetched = Caffeine.newBuilder().expireAfter(new Expiry<String, Fetch>() {
            @Override
            public long expireAfterCreate(String key, Fetch value, long currentTime) {
                return (value instanceof Fetch.Listed ? ttl : RETRY_AFTER_FAILURE).toNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Fetch value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(String key, Fetch value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** One account's fetch: its list, or why there is none. */
    private sealed interface Fetch {
        record Listed(List<CloudCodeModels.Available> models) implements Fetch {}

        record Failed(String reason) implements Fetch {}
    }

    public record Entry(String id, String ownedBy, long created) {}

    /** What {@code /v1/models} lists: the catalog's models, then routed client models (globs are patterns, not models). */
    public List<Entry> entries() {
        long now = clock.instant().getEpochSecond();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (CloudCodeModels.Available model : union(accountsOrNone())) {
            entries.putIfAbsent(model.id(), new Entry(model.id(), "google", now));
        }
        for (ModelRoute route : routes.active()) {
            if (!ModelRoutes.isGlob(route.clientModel())) {
                entries.putIfAbsent(route.clientModel(), new Entry(route.clientModel(), route.provider(), now));
            }
        }
        return new ArrayList<>(entries.values());
    }

    /** The ids of the union catalog; empty when no active account's list is known (none could be fetched). */
    public Optional<Set<String>> union() {
        List<Account> accounts = accountsOrNone();
        Set<String> ids = new LinkedHashSet<>();
        boolean known = false;
        for (Account account : accounts) {
            Optional<List<CloudCodeModels.Available>> models = models(account);
            // An empty list says nothing (an OAuth client without Antigravity's catalog may get one): it must not block traffic.
            known |= models.isPresent() && !models.get().isEmpty();
            models.ifPresent(list -> list.forEach(m -> ids.add(m.id())));
        }
        return known ? Optional.of(Set.copyOf(ids)) : Optional.empty();
    }

    /**
     * Whether the account can be asked for {@code model}: false only when its list is known and lacks the model (an
     * account of another OAuth client, or tier, may see fewer models than the union).
     */
    public boolean offers(Account account, String model) {
        return models(account).filter(list -> !list.isEmpty()).map(list -> list.stream().anyMatch(m -> m.id().equals(model)))
                .orElse(true);
    }

    /** Cloud Code answered 404 for a model this account was asked for: its list is fetched again on next use. */
    public void stale(String accountId) {
        fetched.invalidate(accountId);
    }

    /**
     * The models the active Google accounts may use on Cloud Code, each once (the first account's entry for quota and
     * display name), sorted by id.
     *
     * @throws Unavailable when no account's list is known, saying why
     */
    public List<CloudCodeModels.Available> available() throws Unavailable {
        List<Account> accounts;
        try {
            accounts = activeAccounts();
        } catch (AccountUnavailableException e) {
            throw new Unavailable(e.getMessage());
        }
        List<CloudCodeModels.Available> union = union(accounts);
        if (union.isEmpty() && accounts.stream().allMatch(a -> models(a).isEmpty())) {
            Fetch first = fetched.getIfPresent(accounts.get(0).id());
            throw new Unavailable(first instanceof Fetch.Failed failed ? failed.reason() : "no account could list its models");
        }
        return union;
    }

    private List<CloudCodeModels.Available> union(List<Account> accounts) {
        Map<String, CloudCodeModels.Available> byId = new TreeMap<>();
        for (Account account : accounts) {
            models(account).ifPresent(list -> list.forEach(m -> byId.putIfAbsent(m.id(), m)));
        }
        return List.copyOf(byId.values());
    }

    /** The active Google accounts, none when there are none. */
    private List<Account> accountsOrNone() {
        try {
            return activeAccounts();
        } catch (AccountUnavailableException e) {
            return List.of();
        }
    }

    /** @throws AccountUnavailableException when no Google account is linked or active, saying what to do */
    private List<Account> activeAccounts() throws AccountUnavailableException {
        // No model rests under the empty name, so every active account is ready.
        return pool.candidates("", Optional.empty(), Optional.empty()).ready();
    }

    /** The account's list: fresh, else fetched now, else the last known; empty when it was never listed. */
    private Optional<List<CloudCodeModels.Available>> models(Account account) {
        Fetch fetch = fetched.get(account.id(), id -> fetch(account));
        return switch (fetch) {
            case Fetch.Listed listed -> Optional.of(listed.models());
            case Fetch.Failed failed -> Optional.ofNullable(lastKnown.get(account.id()));
        };
    }

    private Fetch fetch(Account account) {
        try {
            Lease lease = pool.lease(account);
            List<CloudCodeModels.Available> models = List.copyOf(cloudCode.list(account.id(), lease.accessToken()));
            lastKnown.put(account.id(), models);
            return new Fetch.Listed(models);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetch.Failed("interrupted while listing models");
        } catch (Exception e) {
            String reason = "account " + Masks.email(account.email()) + " could not list its Cloud Code models: " + e.getMessage();
            LOG.warn("{} (using its last known list, if any; trying again in {} s)", reason, RETRY_AFTER_FAILURE.toSeconds());
            return new Fetch.Failed(reason);
        }
    }

    /** No Cloud Code model list can be had now; the message says why and what to do. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }
}
