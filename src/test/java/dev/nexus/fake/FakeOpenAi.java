package dev.nexus.fake;

import java.time.Duration;
import java.util.List;

/**
 * OpenAI's side of a ChatGPT (Codex) login on one loopback port, for one test: the OAuth endpoints of
 * {@code auth.openai.com} for the Codex CLI's public client ({@link #authUrl()}, {@link #tokenUrl()}) and the ChatGPT
 * backend's Codex Responses endpoint ({@link #codexBaseUrl()}{@code /responses}) and usage endpoint ({@code /backend-api/wham/usage}). Add accounts, point Nexus's
 * {@code NEXUS_OPENAI_AUTH_URL}, {@code NEXUS_OPENAI_TOKEN_URL} and {@code NEXUS_CODEX_BASE_URL} at it, script replies,
 * limit usage, assert on {@link #requests()}, close it.
 */
public final class FakeOpenAi implements AutoCloseable {
    /** The Codex CLI's public OAuth client id (PKCE, no secret); the only client this fake knows, as for Codex logins. */
    public static final String CODEX_CLIENT_ID = "app_EMoamEEZ73f0CkXaXp7hrann";

    private final AdjustableClock clock = new AdjustableClock();
    private final ChatGptAccounts accounts = new ChatGptAccounts(clock);
    private final CodexScript script = new CodexScript();
    private final OpenStreams openStreams = new OpenStreams();
    private final OpenAiAuthEndpoints auth = new OpenAiAuthEndpoints(accounts, CODEX_CLIENT_ID);
    private final CodexEndpoints codex = new CodexEndpoints(accounts, script, openStreams, clock);
    private final FakeServer server;

    private FakeOpenAi() {
        server = new FakeServer("FakeOpenAi", openStreams, List.of(auth, codex));
    }

    public static FakeOpenAi start() {
        return new FakeOpenAi();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String authUrl() {
        return baseUrl() + OpenAiAuthEndpoints.AUTHORIZE;
    }

    public String tokenUrl() {
        return baseUrl() + OpenAiAuthEndpoints.TOKEN;
    }

    /** {@code …/backend-api/codex}; requests go to {@code codexBaseUrl() + "/responses"}. */
    public String codexBaseUrl() {
        return baseUrl() + CodexEndpoints.RESPONSES.substring(0, CodexEndpoints.RESPONSES.lastIndexOf('/'));
    }

    // --- accounts --------------------------------------------------------------------------------------

    /** A ChatGPT user on this plan (plus, pro, team, …) with a fresh account id and a valid refresh token. */
    public FakeChatGptAccount addAccount(String email, String plan) {
        return accounts.add(email, plan);
    }

    /** The account as it is now: its current (possibly rotated) refresh token. */
    public FakeChatGptAccount account(String email) {
        return accounts.get(email);
    }

    /** A fresh access token for the account, as a login or refresh would issue it. */
    public String issueAccessToken(String email) {
        return accounts.issueAccess(email, CODEX_CLIENT_ID);
    }

    /** An id_token for the account, with its email and {@code https://api.openai.com/auth} claims. */
    public String issueIdToken(String email) {
        return accounts.idToken(email, CODEX_CLIENT_ID);
    }

    /**
     * A Codex CLI {@code ~/.codex/auth.json} for the account, as {@code codex login} writes it: a fresh id_token, the
     * given access token and the account's current refresh token.
     */
    public String codexAuthJson(String email, String accessToken) {
        FakeChatGptAccount account = account(email);
        return "{\"auth_mode\":\"chatgpt\",\"OPENAI_API_KEY\":null,\"tokens\":{\"id_token\":\"" + issueIdToken(email)
                + "\",\"access_token\":\"" + accessToken + "\",\"refresh_token\":\"" + account.refreshToken()
                + "\",\"account_id\":\"" + account.chatgptAccountId() + "\"},\"last_refresh\":\"2026-01-01T00:00:00Z\"}";
    }

    /** Every access token issued so far to the account now gets 401 token_expired; refreshing still works. */
    public void expireAccessTokens(String email) {
        accounts.expireAccessTokensOf(email);
    }

    /** A Codex CLI {@code auth.json} for the account, as {@code codex login} writes it, with fresh tokens. */
    public String authJson(String email) {
        FakeChatGptAccount account = accounts.get(email);
        return "{\"auth_mode\":\"chatgpt\",\"OPENAI_API_KEY\":null,\"tokens\":{\"id_token\":\"" + issueIdToken(email)
                + "\",\"access_token\":\"" + issueAccessToken(email) + "\",\"refresh_token\":\"" + account.refreshToken()
                + "\",\"account_id\":\"" + account.chatgptAccountId() + "\"},\"last_refresh\":\"2026-01-01T00:00:00Z\"}";
    }

    /** Every refresh token of the account now gets 400 invalid_grant. */
    public void revokeRefreshTokens(String email) {
        accounts.get(email);
        accounts.revokeRefreshTokensOf(email);
    }

    /** Lifetime of access tokens issued from now on, also their {@code expires_in} and {@code exp} (default 10 days). */
    public void accessTokenLifetime(Duration lifetime) {
        accounts.accessLifetime(lifetime);
    }

    // --- OAuth knobs -----------------------------------------------------------------------------------

    /** The next authorize visit consents as this user; without a queued decision the first added account consents. */
    public void consentAs(String email) {
        accounts.get(email);
        auth.queue(new OpenAiAuthEndpoints.Consent.As(email));
    }

    /** The next authorize visit redirects with {@code error=access_denied}. */
    public void denyConsent() {
        auth.queue(new OpenAiAuthEndpoints.Consent.Deny());
    }

    /** Every answered authorize visit, with its PKCE challenge, in order. */
    public List<Authorization> authorizations() {
        return auth.authorizations();
    }

    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    /** The fake's time, which {@link #advanceClock} moves: give it to the server under test to move both at once. */
    public java.util.function.Supplier<java.time.Instant> time() {
        return clock::now;
    }

    // --- Codex knobs -----------------------------------------------------------------------------------

    public CodexScript script() {
        return script;
    }

    /** From now on the account's calls get 429 usage_limit_reached until {@code resetsIn} from the fake's now. */
    public void limitUsage(String email, Duration resetsIn) {
        accounts.get(email);
        codex.updateUsage(email, u -> u.limited(clock.now().plus(resetsIn)));
    }

    public void liftUsageLimit(String email) {
        codex.updateUsage(email, CodexUsage::lifted);
    }

    /** The used percentages the {@code x-codex-primary/secondary-used-percent} headers report for the account. */
    public void usedPercent(String email, double primary, double secondary) {
        accounts.get(email);
        codex.updateUsage(email, u -> u.withUsed(primary, secondary));
    }

    // --- observation -----------------------------------------------------------------------------------

    public List<RecordedRequest> requests() {
        return server.requests();
    }

    /** Requests whose path ends with the suffix, e.g. {@code "/responses"} or {@code "/oauth/token"}. */
    public List<RecordedRequest> requests(String pathSuffix) {
        return server.requests(pathSuffix);
    }

    public boolean awaitNoOpenStreams(Duration timeout) {
        return server.awaitNoOpenStreams(timeout);
    }

    @Override
    public void close() {
        server.close();
    }
}
