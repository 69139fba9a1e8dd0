package dev.nexus.account;

import dev.nexus.account.oauth.GoogleOAuthClient;
import dev.nexus.account.oauth.OAuthClientProfile;
import dev.nexus.account.oauth.OAuthClients;
import dev.nexus.account.oauth.OAuthException;
import dev.nexus.account.oauth.TokenGrant;
import dev.nexus.secret.Masks;
import dev.nexus.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps access tokens fresh. Refreshes are single-flight per account (concurrent requests share one refresh),
 * rotated refresh tokens are persisted, and a refresh token Google calls revoked moves the account to
 * {@link AccountState#NEEDS_RELOGIN}. Each account refreshes only with the OAuth client profile that issued its
 * refresh token; when Google refuses that client for the token, or the profile is not defined here (custom without
 * GOOGLE_CLIENT_ID), the account needs re-login too, with a reason naming the profile.
 */
public final class TokenRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);
    /** Tokens expiring sooner than this are refreshed before use, so a request never starts with a dying token. */
    static final Duration EARLY = Duration.ofSeconds(60);

    private final GoogleOAuthClient google;
    private final OAuthClients clients;
    private final AccountRepository repository;
    private final Clock clock;
    private final Map<String, CompletableFuture<Fresh>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Fresh> latest = new ConcurrentHashMap<>();

    public TokenRefresher(GoogleOAuthClient google, OAuthClients clients, AccountRepository repository, Clock clock) {
        this.google = google;
        this.clients = clients;
        this.repository = repository;
        this.clock = clock;
    }

    private record Fresh(Secret accessToken, Instant expiresAt) {}

    /**
     * An access token for the account valid for at least a minute.
     *
     * @param force refresh even if the known token looks valid (the operator asked, or ahead of expiry)
     */
    public Secret accessToken(Account account, boolean force) throws AccountUnavailableException {
        return obtain(account, known -> force || expiring(known));
    }

    /**
     * A token to use after the upstream refused {@code rejected}: if another request already refreshed meanwhile,
     * its newer token; otherwise a refresh now. So a burst of 401s costs one refresh, not one per request.
     */
    public Secret replaceRejected(Account account, Secret rejected) throws AccountUnavailableException {
        return obtain(account, known -> expiring(known) || known.get().accessToken().equals(rejected));
    }

    /**
     * Refreshes ahead of time when the token expires within {@code horizon}; used by the background refresher so
     * requests rarely wait for a refresh.
     */
    public void refreshIfExpiringWithin(Account account, Duration horizon) throws AccountUnavailableException {
        obtain(account, known -> known.isEmpty() || known.get().expiresAt().isBefore(clock.instant().plus(horizon)));
    }

    private boolean expiring(Optional<Fresh> known) {
        return known.isEmpty() || !known.get().expiresAt().isAfter(clock.instant().plus(EARLY));
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
            Fresh fresh = needsRefresh.test(again) ? refresh(account) : again.orElseThrow();
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

    private Fresh refresh(Account account) throws AccountUnavailableException {
        // Accounts from before profiles were recorded got one in migration V6; an empty one can only be antigravity's.
        String profile = account.oauthClient().orElse(OAuthClients.ANTIGRAVITY);
        OAuthClientProfile client;
        try {
            client = clients.named(profile);
        } catch (OAuthClients.UnknownProfile e) {
            String reason = profile.equals(OAuthClients.CUSTOM)
                    ? "was issued by the custom OAuth client but GOOGLE_CLIENT_ID is not set (set it, or log in again:"
                            + " nexus accounts login)"
                    : "was issued by the OAuth client \"" + profile + "\", which this Nexus does not know (log in again:"
                            + " nexus accounts login)";
            throw needsRelogin(account, reason, "account " + Masks.email(account.email()) + " " + reason, null);
        }
        TokenGrant grant;
        try {
            grant = google.refresh(client, account.refreshToken());
        } catch (OAuthException e) {
            if (e.error().filter(GoogleOAuthClient.CLIENT_REFUSALS::contains).isPresent()) {
                String reason = e.getMessage() + " — log in again: nexus accounts login (or import the token again with"
                        + " the client that issued it: --client " + String.join(" or --client ", OAuthClients.NAMES.stream()
                                .filter(n -> !n.equals(client.name())).toList()) + ")";
                throw needsRelogin(account, reason, "account " + Masks.email(account.email()) + " needs re-login: " + reason, e);
            }
            if (e.permanent()) {
                String reason = "refresh token was revoked or expired";
                throw needsRelogin(account, reason, "account " + Masks.email(account.email()) + " needs re-login: "
                        + reason + " (log in again: nexus accounts login, or open /auth/google/login)", e);
            }
            throw new AccountUnavailableException(503, "cannot refresh the token of account " + Masks.email(account.email())
                    + ": " + e.getMessage(), e);
        }
        repository.updateTokens(account.id(), grant.accessToken(), grant.expiresAt(), grant.refreshToken());
        Fresh fresh = new Fresh(grant.accessToken(), grant.expiresAt());
        latest.put(account.id(), fresh);
        return fresh;
    }

    /** Records that only a new login helps, and says so to the caller. */
    private AccountUnavailableException needsRelogin(Account account, String reason, String message, OAuthException cause) {
        repository.setState(account.id(), AccountState.NEEDS_RELOGIN, Optional.of(reason));
        latest.remove(account.id());
        LOG.warn("account {} needs re-login: {}", Masks.email(account.email()), reason);
        return new AccountUnavailableException(503, message, cause);
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
