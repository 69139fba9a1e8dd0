package dev.nexus.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ChatGPT users of {@link FakeOpenAi} and the tokens issued to them: access tokens (JWTs with {@code exp} and the
 * {@code https://api.openai.com/auth} claim, as OpenAI's are), one current refresh token per login, and the refresh
 * tokens rotation retired — presenting one of those again is a reuse, which OpenAI answers with
 * {@code refresh_token_reused}.
 */
final class ChatGptAccounts {
    static final String AUTH_CLAIM = "https://api.openai.com/auth";
    static final String PROFILE_CLAIM = "https://api.openai.com/profile";

    /** What an {@code Authorization} header amounts to on the Codex backend. */
    sealed interface Bearer {
        record Missing() implements Bearer {}

        record Unknown() implements Bearer {}

        record Expired(String email) implements Bearer {}

        record Valid(String email) implements Bearer {}
    }

    /** What presenting a refresh token amounts to. */
    sealed interface Refresh {
        record Current(String email) implements Refresh {}

        /** Rotated out by an earlier refresh: OpenAI treats a second use as theft and refuses it. */
        record Reused(String email) implements Refresh {}

        record Unknown() implements Refresh {}
    }

    private record Access(String email, Instant expiresAt) {}

    private final AdjustableClock clock;
    private final Map<String, FakeChatGptAccount> accounts = new ConcurrentHashMap<>();
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final Map<String, String> currentRefresh = new ConcurrentHashMap<>();
    private final Map<String, String> retiredRefresh = new ConcurrentHashMap<>();
    private final Map<String, String> latestRefresh = new ConcurrentHashMap<>();
    private final Set<String> revokedEmails = ConcurrentHashMap.newKeySet();
    private volatile Duration accessLifetime = Duration.ofDays(10);

    ChatGptAccounts(AdjustableClock clock) {
        this.clock = clock;
    }

    FakeChatGptAccount add(String email, String plan) {
        String accountId = "acct-" + Tokens.random(9);
        FakeChatGptAccount account = new FakeChatGptAccount(email, accountId, "user-" + Tokens.random(9), plan,
                issueRefresh(email));
        accounts.put(email, account);
        return account;
    }

    FakeChatGptAccount get(String email) {
        FakeChatGptAccount account = accounts.get(email);
        if (account == null) {
            throw new IllegalArgumentException("fake: no ChatGPT account " + email + "; call addAccount first");
        }
        return account.withRefreshToken(latestRefresh.get(email));
    }

    Optional<FakeChatGptAccount> first() {
        return accounts.values().stream().findFirst();
    }

    Duration accessLifetime() {
        return accessLifetime;
    }

    void accessLifetime(Duration lifetime) {
        accessLifetime = lifetime;
    }

    /** A new login: a fresh refresh token becomes the account's current one; the earlier login's token stays valid. */
    String issueRefresh(String email) {
        String token = "rt_fake-" + Tokens.random(32);
        currentRefresh.put(token, email);
        latestRefresh.put(email, token);
        return token;
    }

    Refresh refresh(String token) {
        if (token == null) {
            return new Refresh.Unknown();
        }
        String email = currentRefresh.get(token);
        if (email != null && !revokedEmails.contains(email)) {
            return new Refresh.Current(email);
        }
        String reused = retiredRefresh.get(token);
        return reused != null ? new Refresh.Reused(reused) : new Refresh.Unknown();
    }

    /** Retires {@code used} and issues its successor, atomically: of two refreshes racing with one token, one wins. */
    Optional<String> rotate(String used) {
        String email = currentRefresh.remove(used);
        if (email == null) {
            return Optional.empty();
        }
        retiredRefresh.put(used, email);
        return Optional.of(issueRefresh(email));
    }

    void revokeRefreshTokensOf(String email) {
        revokedEmails.add(email);
    }

    String issueAccess(String email, String clientId) {
        FakeChatGptAccount account = get(email);
        long now = clock.now().getEpochSecond();
        Instant expires = clock.now().plus(accessLifetime);
        ObjectNode claims = Json.object()
                .put("iss", "https://auth.openai.com")
                .put("sub", account.userId())
                .put("client_id", clientId)
                .put("jti", Tokens.random(12))
                .put("iat", now)
                .put("exp", expires.getEpochSecond());
        claims.putArray("aud").add("https://api.openai.com/v1");
        claims.putArray("scp").add("openid").add("profile").add("email").add("offline_access");
        claims.set(AUTH_CLAIM, authClaim(account));
        claims.putObject(PROFILE_CLAIM).put("email", email).put("email_verified", true);
        String token = jwt(claims);
        access.put(token, new Access(email, expires));
        return token;
    }

    String idToken(String email, String clientId) {
        FakeChatGptAccount account = get(email);
        long now = clock.now().getEpochSecond();
        ObjectNode claims = Json.object()
                .put("iss", "https://auth.openai.com")
                .put("sub", account.userId())
                .put("email", email)
                .put("email_verified", true)
                .put("iat", now)
                .put("exp", now + 3600)
                .put("auth_time", now);
        claims.putArray("aud").add(clientId);
        claims.set(AUTH_CLAIM, authClaim(account).put("user_id", account.userId()));
        return jwt(claims);
    }

    Bearer check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Bearer.Missing();
        }
        Access grant = access.get(authorization.substring(7).trim());
        if (grant == null) {
            return new Bearer.Unknown();
        }
        return clock.now().isBefore(grant.expiresAt()) ? new Bearer.Valid(grant.email()) : new Bearer.Expired(grant.email());
    }

    void expireAccessTokensOf(String email) {
        access.replaceAll((token, grant) -> grant.email().equals(email) ? new Access(email, Instant.EPOCH) : grant);
    }

    private static ObjectNode authClaim(FakeChatGptAccount account) {
        return Json.object()
                .put("chatgpt_account_id", account.chatgptAccountId())
                .put("chatgpt_plan_type", account.plan())
                .put("chatgpt_user_id", account.userId());
    }

    // Unsigned in effect (a fixed fake signature): clients read the claims; only OpenAI could check the signature.
    private static String jwt(ObjectNode claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"fake\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("fake-signature-" + Tokens.random(6)).getBytes(StandardCharsets.UTF_8));
    }
}
