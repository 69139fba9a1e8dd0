package dev.nexus.account;

import dev.nexus.secret.Masks;
import dev.nexus.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps access tokens fresh, for every provider: the renewal itself is the account's provider's {@link TokenSource}.
 * Refreshes are single-flight per account (concurrent requests share one refresh) and across instances (a
 * {@link Leases lease} per account; the instance that gets it second re-reads the stored token and uses it when the
 * first already refreshed, so a rotating refresh token is never spent twice), rotated refresh tokens are persisted,
 * and a renewal the provider refuses for good moves the account to {@link AccountState#NEEDS_RELOGIN} with the
 * source's reason.
 */
public final class TokenRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
    /** Tokens expiring sooner than this are refreshed before use when their provider has no margin of its own. */
    static final Duration EARLY = Duration.ofSeconds(60);
    /** How long a refresh may hold its account's lease; a dead holder's lease lapses after this. */
    static final Duration REFRESH_LEASE = Duration.ofSeconds(60);
    /** How often an instance waiting for another's refresh asks again. */
    private static final Duration LEASE_POLL = Duration.ofMillis(25);

    private final Map<String, TokenSource> sources;
    private final AccountRepository repository;
    private final Clock clock;
    private final Leases leases;
    private final Map<String, CompletableFuture<Fresh>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Fresh> latest = new ConcurrentHashMap<>();

    /** @param sources how each provider renews its accounts' tokens, one per {@link TokenSource#provider()} */
    public TokenRefresher(List<TokenSource> sources, AccountRepository repository, Clock clock) {
        this(sources, repository, clock, Leases.LOCAL);
    }

    /** @param leases shared by the instances on the database, so only one at a time refreshes an account */
    public TokenRefresher(List<TokenSource> sources, AccountRepository repository, Clock clock, Leases leases) {
        this.sources = sources.stream().collect(Collectors.toUnmodifiableMap(TokenSource::provider, s -> s));
        this.repository = repository;
        this.clock = clock;
        this.leases = leases;
    }

    private record Fresh(Secret accessToken, Instant expiresAt) {}

    /** Whether accounts of this provider have a {@link TokenSource} here. */
    public boolean renews(String provider) {
        return sources.containsKey(provider);
    }

    /**
     * An access token for the account valid for at least its provider's {@link TokenSource#early()} margin.
     *
     * @param force refresh even if the known token looks valid (the operator asked, or ahead of expiry)
     */
    public Secret accessToken(Account account, boolean force) throws AccountUnavailableException {
        return obtain(account, known -> force || expiring(account, known));
    }

    /**
     * A token to use after the upstream refused {@code rejected}: if another request already refreshed meanwhile,
     * its newer token; otherwise a refresh now. So a burst of 401s costs one refresh, not one per request.
     */
    public Secret replaceRejected(Account account, Secret rejected) throws AccountUnavailableException {
        return obtain(account, known -> expiring(account, known) || known.get().accessToken().equals(rejected));
    }

    /**
     * Refreshes ahead of time when the token expires within {@code horizon}; used by the background refresher so
     * requests rarely wait for a refresh.
     */
    public void refreshIfExpiringWithin(Account account, Duration horizon) throws AccountUnavailableException {
        obtain(account, known -> known.isEmpty() || known.get().expiresAt().isBefore(clock.instant().plus(horizon)));
    }

    private boolean expiring(Account account, Optional<Fresh> known) {
        TokenSource source = sources.get(account.provider());
        Duration early = source == null ? EARLY : source.early();
        return known.isEmpty() || !known.get().expiresAt().isAfter(clock.instant().plus(early));
    }

    /** Single flight: one refresh per account at a time; callers arriving meanwhile share its result. */
    private Secret obtain(Account account, java.util.function.Predicate<Optional<Fresh>> needsRefresh)
            throws AccountUnavailableException {
        if (!needsRefresh.test(known(account))) {
            return known(account).orElseThrow().accessToken();
        }
        CompletableFuture<Fresh> mine = new CompletableFuture<>();
        CompletableFuture<Fresh> running = inFlight.putIfAbsent(account.id(), mine);
        if (running != null) {
            return await(running).accessToken();
        }
        try {
            // Another refresh may have finished between the first check and taking the slot.
            Optional<Fresh> again = known(account);
            Fresh fresh = needsRefresh.test(again) ? refreshAlone(account, needsRefresh) : again.orElseThrow();
            mine.complete(fresh);
            return fresh.accessToken();
        } catch (AccountUnavailableException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(account.id(), mine);
        }
    }

    private Optional<Fresh> known(Account account) {
        Fresh cached = latest.get(account.id());
        Optional<Fresh> stored = account.accessToken().flatMap(t -> account.tokenExpiresAt().map(e -> new Fresh(t, e)));
        if (cached == null) {
            return stored;
        }
        return stored.filter(s -> s.expiresAt().isAfter(cached.expiresAt())).or(() -> Optional.of(cached));
    }

    /**
     * Refreshes while holding the account's lease, so no other instance refreshes it at the same time. The stored
     * token is read after the lease is taken: when another instance refreshed meanwhile, its token is used and the
     * refresh token is not spent again.
     */
    private Fresh refreshAlone(Account account, java.util.function.Predicate<Optional<Fresh>> needsRefresh)
            throws AccountUnavailableException {
        String lease = "refresh:" + account.id();
        try {
            if (!leases.await(lease, REFRESH_LEASE, LEASE_POLL, REFRESH_LEASE)) {
                throw new AccountUnavailableException(503, "account " + Masks.email(account.email()) + ": another Nexus"
                        + " instance has been refreshing its token for " + REFRESH_LEASE.toSeconds() + " s; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountUnavailableException(503, "interrupted while another instance refreshed the token of "
                    + Masks.email(account.email()), e);
        }
        try {
            Account current = repository.find(account.id()).orElse(account);
            Optional<Fresh> stored = known(current);
            if (!needsRefresh.test(stored)) {
                latest.put(account.id(), stored.orElseThrow());
                return stored.orElseThrow();
            }
            return refresh(current);
        } finally {
            leases.release(lease);
        }
    }

    private Fresh refresh(Account current) throws AccountUnavailableException {
        Account account = current;
        TokenSource source = sources.get(account.provider());
        if (source == null) {
            throw new AccountUnavailableException(503, "account " + Masks.email(account.email()) + " is a "
                    + account.provider() + " account, whose tokens this Nexus cannot renew (log in again, or remove it)");
        }
        // The caller's account may be a snapshot from before an earlier refresh: renewing needs the stored refresh token
        // (rotated by OpenAI on every refresh), else a linked auth.json written back since looks "newer" and the refused
        // token is adopted again. So the caller passes the stored account, read under the lease.
        switch (source.renew(current)) {
            case TokenSource.Renewal.Granted grant -> {
                repository.updateTokens(account.id(), grant.accessToken(), grant.expiresAt(), grant.refreshToken());
                Fresh fresh = new Fresh(grant.accessToken(), grant.expiresAt());
                latest.put(account.id(), fresh);
                return fresh;
            }
            case TokenSource.Renewal.Refused refused -> throw needsRelogin(account, refused);
            case TokenSource.Renewal.Failed failed ->
                    throw new AccountUnavailableException(503, failed.message(), failed.cause().orElse(null));
        }
    }

    /** Records that only a new login helps, and says so to the caller. */
    private AccountUnavailableException needsRelogin(Account account, TokenSource.Renewal.Refused refused) {
        repository.setState(account.id(), AccountState.NEEDS_RELOGIN, Optional.of(refused.reason()));
        latest.remove(account.id());
        LOG.warn("account {} needs re-login: {}", Masks.email(account.email()), refused.reason());
        return AccountUnavailableException.needsRelogin(refused.message(), refused.cause().orElse(null));
    }

    private static Fresh await(CompletableFuture<Fresh> running) throws AccountUnavailableException {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AccountUnavailableException unavailable) {
                throw unavailable;
            }
            throw e;
        }
    }
}
