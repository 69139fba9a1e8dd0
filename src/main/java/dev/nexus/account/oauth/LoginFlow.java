package dev.nexus.account.oauth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One login attempt between the consent URL and the callback: its own random {@code state}, its PKCE verifier,
 * the redirect URI and OAuth client the code must be exchanged with, and its outcome, settled exactly once — by the completion
 * that claimed it, or by expiry.
 */
public final class LoginFlow {
    private final String state;
    private final Pkce pkce;
    private final URI redirectUri;
    private final OAuthClientProfile client;
    private final Instant startedAt;
    private final Instant expiresAt;
    private final CompletableFuture<LoginResult> outcome = new CompletableFuture<>();

    LoginFlow(String state, Pkce pkce, URI redirectUri, OAuthClientProfile client, Instant startedAt, Instant expiresAt) {
        this.state = state;
        this.pkce = pkce;
        this.redirectUri = redirectUri;
        this.client = client;
        this.startedAt = startedAt;
        this.expiresAt = expiresAt;
    }

    public String state() {
        return state;
    }

    public Pkce pkce() {
        return pkce;
    }

    public URI redirectUri() {
        return redirectUri;
    }

    /** The OAuth client the consent page was opened for; only it can redeem the code. */
    public OAuthClientProfile client() {
        return client;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean settled() {
        return outcome.isDone();
    }

    /** Runs the action once the attempt has ended, however it ended (at once if it already has). */
    public void whenSettled(Runnable action) {
        outcome.whenComplete((result, failure) -> action.run());
    }

    /**
     * Waits for the attempt to end.
     *
     * @throws LoginException how it failed, or {@link LoginException.Reason#EXPIRED} if nothing happened in time
     */
    public LoginResult await(Duration timeout) throws LoginException, InterruptedException {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LoginException failed) {
                throw failed;
            }
            throw new LoginException(LoginException.Reason.FAILED, "the login failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException | CancellationException e) {
            throw new LoginException(LoginException.Reason.EXPIRED, "no answer came back from the browser within "
                    + LoginFlows.describe(timeout)
                    + ": start the login again and finish it in time");
        }
    }

    void succeed(LoginResult result) {
        outcome.complete(result);
    }

    void fail(LoginException failure) {
        outcome.completeExceptionally(failure);
    }

    @Override
    public String toString() {
        return "LoginFlow[redirectUri=" + redirectUri + ", client=" + client.name() + ", startedAt=" + startedAt + ", expiresAt=" + expiresAt + "]";
    }
}
