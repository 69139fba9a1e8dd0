package dev.nexus.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Google OAuth and Cloud Code {@code v1internal} on one loopback port, for one test. Start it, add accounts,
 * point the gateway at {@link #tokenUrl()} and {@link #cloudCodeBaseUrl()}, script replies, assert on
 * {@link #requests()}, close it.
 */
public final class FakeGoogle implements AutoCloseable {
    /** Antigravity's public installed-app OAuth client, registered by default; {@link #addAccount} issues tokens to it. */
    public static final String ANTIGRAVITY_CLIENT_ID = OAuthClientRegistry.ANTIGRAVITY_ID;
    /** Gemini CLI's public installed-app OAuth client, registered by default. */
    public static final String GEMINI_CLI_CLIENT_ID = OAuthClientRegistry.GEMINI_CLI_ID;

    private final AdjustableClock clock = new AdjustableClock();
    private final Accounts accounts = new Accounts();
    private final Tokens tokens = new Tokens(clock);
    private final Script script = new Script();
    private final OpenStreams openStreams = new OpenStreams();
    private final CodeAssistSetup setup = new CodeAssistSetup(accounts);
    private final ModelCatalog catalog = new ModelCatalog();
    private final OAuthClientRegistry clients = new OAuthClientRegistry();
    private final OAuthEndpoints oauth = new OAuthEndpoints(accounts, clients, tokens, clock);
    private final CloudCodeEndpoints cloudCode =
            new CloudCodeEndpoints(accounts, tokens, clock, new Generation(script, catalog, openStreams), setup, catalog);
    private final FakeServer server;

    private FakeGoogle() {
        this.server = new FakeServer("FakeGoogle", openStreams, List.of(oauth, cloudCode));
    }

    public static FakeGoogle start() {
        return new FakeGoogle();
    }

    // --- addresses -------------------------------------------------------------------------------------

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Calls go to {@code cloudCodeBaseUrl() + ":" + method}, e.g. {@code …/v1internal:generateContent}. */
    public String cloudCodeBaseUrl() {
        return baseUrl() + CloudCodeEndpoints.PREFIX;
    }

    public String authUrl() {
        return baseUrl() + OAuthEndpoints.AUTHORIZE;
    }

    public String tokenUrl() {
        return baseUrl() + OAuthEndpoints.TOKEN;
    }

    public String userinfoUrl() {
        return baseUrl() + OAuthEndpoints.USERINFO;
    }

    public String revokeUrl() {
        return baseUrl() + OAuthEndpoints.REVOKE;
    }

    // --- accounts --------------------------------------------------------------------------------------

    /** A Google user with an onboarded Cloud Code project on {@code standard-tier} and a valid refresh token. */
    public FakeAccount addAccount(String email, String projectId) {
        return addAccount(email, projectId, "standard-tier");
    }

    /**
     * As {@link #addAccount(String, String)}; a tier other than free/legacy/standard is reported as {@code paidTier}. Its
     * refresh token is issued to Antigravity's client, as by a login with Nexus's default profile.
     */
    public FakeAccount addAccount(String email, String projectId, String tierId) {
        String refreshToken = tokens.issueRefresh(email, Tokens.DEFAULT_SCOPE, ANTIGRAVITY_CLIENT_ID);
        return accounts.add(email, projectId, tierId, refreshToken).snapshot();
    }

    /**
     * A new refresh token for the account issued to this OAuth client (as if the user had logged in to that client's
     * tool); it becomes the account's current one. Earlier tokens stay valid.
     */
    public String issueRefreshToken(String email, String clientId) {
        if (!clients.known(clientId)) {
            throw new IllegalArgumentException("fake: client " + clientId + " is not registered; call registerClient first");
        }
        String refreshToken = tokens.issueRefresh(email, Tokens.DEFAULT_SCOPE, clientId);
        accounts.update(email, a -> a.withRefreshToken(refreshToken));
        return refreshToken;
    }

    public FakeAccount account(String email) {
        return accounts.get(email).snapshot();
    }

    /** A fresh access token for the account, as if it had just been refreshed. */
    public String issueAccessToken(String email) {
        accounts.get(email);
        return tokens.issueAccess(email);
    }

    /** Every access token issued so far to the account now gets 401 ACCESS_TOKEN_EXPIRED; refreshing still works. */
    public void expireAccessTokens(String email) {
        accounts.get(email);
        tokens.expireAccessTokensOf(email);
    }

    /** Every refresh token of the account now gets 400 invalid_grant "Token has been expired or revoked.". */
    public void revokeRefreshToken(String email) {
        accounts.get(email);
        tokens.revokeRefreshTokensOf(email);
    }

    /** Generation and onboarding get 403 VALIDATION_REQUIRED with this link; loadCodeAssist lists it as ineligible. */
    public void requireVerification(String email, String validationLink) {
        accounts.update(email, a -> a.withValidationLink(validationLink));
    }

    /** Every Cloud Code call gets 403 PERMISSION_DENIED for a Terms of Service violation (ErrorInfo TOS_VIOLATION). */
    public void suspend(String email) {
        accounts.update(email, a -> a.withSuspended(true));
    }

    /** Lifts both the verification wall and a suspension. */
    public void reinstate(String email) {
        accounts.update(email, a -> a.withSuspended(false).withValidationLink(null));
    }

    /** With false, loadCodeAssist reports no currentTier or project until onboardUser's operation completes. */
    public void setOnboarded(String email, boolean onboarded) {
        accounts.update(email, a -> a.withOnboarded(onboarded));
    }

    /** The account's remaining quota for one model, as fetchAvailableModels and retrieveUserQuota report it. */
    public void setRemainingFraction(String email, String modelId, double remainingFraction) {
        setQuota(email, modelId, remainingFraction, null);
    }

    /** As {@link #setRemainingFraction} with an explicit window end (null: five hours from the fake's now). */
    public void setQuota(String email, String modelId, double remainingFraction, Instant resetTime) {
        accounts.update(email, a -> a.withQuota(modelId, new AccountState.Quota(remainingFraction, resetTime)));
    }

    // --- OAuth knobs -----------------------------------------------------------------------------------

    /** Registers one more OAuth client (a custom GOOGLE_CLIENT_ID), besides the built-in Antigravity and Gemini CLI ones. */
    public void registerClient(String clientId, String secret) {
        clients.register(clientId, secret);
    }

    /** The next authorize visit consents as this user. Without a queued decision the first added account consents. */
    public void consentAs(String email) {
        accounts.get(email);
        oauth.queueConsent(new AuthorizeEndpoint.Consent.As(email));
    }

    /** The next authorize visit redirects with {@code error=access_denied}. */
    public void denyConsent() {
        oauth.queueConsent(new AuthorizeEndpoint.Consent.Deny());
    }

    /** Lifetime of access tokens issued from now on, also reported as {@code expires_in} (default 3599 s). */
    public void accessTokenLifetime(Duration lifetime) {
        tokens.accessLifetime(lifetime);
    }

    /** With true, every refresh grant returns a new refresh_token and revokes the one it used. */
    public void rotateRefreshTokens(boolean rotate) {
        oauth.rotateRefreshTokens(rotate);
    }

    /** Moves the fake's clock forward, so tokens past their lifetime expire without the test sleeping. */
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    /** The {@code client_id} of every token-endpoint request (code exchanges and refreshes), in arrival order. */
    public List<String> tokenClientIds() {
        return requests(OAuthEndpoints.TOKEN).stream().map(r -> r.form().getOrDefault("client_id", "")).toList();
    }

    /** Every answered authorize visit, with its PKCE challenge, in order. */
    public List<Authorization> authorizations() {
        return oauth.authorizations();
    }

    // --- Cloud Code knobs ------------------------------------------------------------------------------

    public Script script() {
        return script;
    }

    /** With true, loadCodeAssist returns {@code cloudaicompanionProject} as {@code {"id","name"}} instead of a string. */
    public void projectAsObject(boolean asObject) {
        setup.projectAsObject(asObject);
    }

    /** How many polls (GET or re-POST) an onboarding operation takes to finish (default 1). */
    public void onboardingPolls(int polls) {
        setup.pollsUntilDone(polls);
    }

    /**
     * Replaces the fetchAvailableModels catalogue of every account without one of its own (default
     * {@link FakeModel#defaults()}). Generation and countTokens answer 404 NOT_FOUND for any other model, as Cloud Code does.
     */
    public void models(List<FakeModel> models) {
        catalog.models(models);
    }

    /** With true, fetchAvailableModels answers 503 UNAVAILABLE while generation goes on: a catalog outage. */
    public void failModelLists(boolean fail) {
        catalog.failLists(fail);
    }

    /** Gives one account its own catalogue (accounts of another OAuth client or tier see other models). */
    public void models(String email, List<FakeModel> models) {
        accounts.get(email);
        catalog.models(email, models);
    }

    // --- observation -----------------------------------------------------------------------------------

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return server.requests();
    }

    /** Requests whose path ends with the suffix, e.g. {@code ":streamGenerateContent"} or {@code "/token"}. */
    public List<RecordedRequest> requests(String pathSuffix) {
        return server.requests(pathSuffix);
    }

    /** Streams whose handler is still writing. */
    public int openStreams() {
        return server.openStreams();
    }

    /** Waits until no stream is being written; false if some still are after the timeout. */
    public boolean awaitNoOpenStreams(Duration timeout) {
        return server.awaitNoOpenStreams(timeout);
    }

    @Override
    public void close() {
        server.close();
    }
}
