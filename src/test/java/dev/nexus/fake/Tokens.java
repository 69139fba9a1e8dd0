package dev.nexus.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/** Issues and checks the access and refresh tokens of every fake account. */
final class Tokens {

    /** What an {@code Authorization} header amounts to. */
    sealed interface Bearer {
        record Missing() implements Bearer {}

        record Unknown() implements Bearer {}

        record Expired(String email) implements Bearer {}

        record Valid(String email) implements Bearer {}
    }

    /** @param clientId the OAuth client the refresh token was issued to; only it may redeem the token */
    record RefreshGrant(String email, String scope, String clientId) {}

    private record AccessGrant(String email, Instant expiresAt) {}

    static final String DEFAULT_SCOPE = "https://www.googleapis.com/auth/cloud-platform"
            + " https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile openid";

    private final AdjustableClock clock;
    private final ConcurrentMap<String, AccessGrant> access = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, RefreshGrant> refresh = new ConcurrentHashMap<>();
    private volatile Duration accessLifetime = Duration.ofSeconds(3599);

    Tokens(AdjustableClock clock) {
        this.clock = clock;
    }

    Duration accessLifetime() {
        return accessLifetime;
    }

    void accessLifetime(Duration lifetime) {
        accessLifetime = lifetime;
    }

    String issueAccess(String email) {
        String token = "ya29.fake-" + random(24);
        access.put(token, new AccessGrant(email, clock.now().plus(accessLifetime)));
        return token;
    }

    String issueRefresh(String email, String scope, String clientId) {
        String token = "1//fake-" + random(32);
        refresh.put(token, new RefreshGrant(email, scope, clientId));
        return token;
    }

    Bearer check(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return new Bearer.Missing();
        }
        String token = authorization.substring("bearer ".length()).trim();
        if (token.isEmpty()) {
            return new Bearer.Missing();
        }
        AccessGrant grant = access.get(token);
        if (grant == null) {
            return new Bearer.Unknown();
        }
        return clock.now().isBefore(grant.expiresAt()) ? new Bearer.Valid(grant.email()) : new Bearer.Expired(grant.email());
    }

    Optional<RefreshGrant> refreshGrant(String token) {
        return Optional.ofNullable(token == null ? null : refresh.get(token));
    }

    void revokeRefresh(String token) {
        refresh.remove(token);
    }

    /** Like Google's revoke endpoint: either kind of token; revoking a refresh token drops the account's access tokens too. */
    boolean revoke(String token) {
        RefreshGrant grant = refresh.remove(token);
        if (grant != null) {
            access.values().removeIf(a -> a.email().equals(grant.email()));
            return true;
        }
        return access.remove(token) != null;
    }

    void revokeRefreshTokensOf(String email) {
        refresh.values().removeIf(g -> g.email().equals(email));
    }

    void expireAccessTokensOf(String email) {
        access.replaceAll((token, grant) -> grant.email().equals(email) ? new AccessGrant(email, Instant.EPOCH) : grant);
    }

    static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
