package dev.nexus.account.oauth;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.NewAccount;
import dev.nexus.account.ProjectInfo;
import dev.nexus.account.ProjectResolver;
import dev.nexus.secret.Masks;
import dev.nexus.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google's authorization-code login with PKCE, from consent URL to stored account: validate the state, exchange
 * the code with the attempt's verifier, ask userinfo for the email and Cloud Code for the project and tier, then
 * upsert the account by email. Nothing is stored unless every step succeeded, so a failed login leaves no
 * half-made account; a login of a known email replaces its tokens and re-activates it.
 */
public final class GoogleLogin {
    private static final Logger LOG = LoggerFactory.getLogger(GoogleLogin.class);

    private final LoginFlows flows;
    private final GoogleOAuthClient google;
    private final ProjectResolver projects;
    private final AccountRepository accounts;
    private final URI authUrl;

    public GoogleLogin(LoginFlows flows, GoogleOAuthClient google, ProjectResolver projects, AccountRepository accounts,
            URI authUrl) {
        this.flows = flows;
        this.google = google;
        this.projects = projects;
        this.accounts = accounts;
        this.authUrl = authUrl;
    }

    public Duration lifetime() {
        return flows.lifetime();
    }

    /** Starts an attempt with this OAuth client whose browser will be sent back to {@code redirectUri}. */
    public LoginAttempt start(URI redirectUri, OAuthClientProfile client) throws LoginException {
        LoginFlow flow = flows.start(redirectUri, client);
        return new LoginAttempt(flow, ConsentUrl.build(authUrl, client, flow));
    }

    /** Completes whichever waiting attempt the redirect's state names (the pasted-URL path). */
    public LoginResult complete(CallbackParams params) throws LoginException {
        String state = params.requireRedirect();
        return finish(params, flows.claim(state));
    }

    /** Completes only this attempt; any other state is refused without touching other attempts (a listener's path). */
    public LoginResult complete(CallbackParams params, LoginFlow only) throws LoginException {
        String state = params.requireRedirect();
        return finish(params, flows.claim(state, only));
    }

    /** Gives up an attempt that is still waiting, e.g. because its listener closed. */
    public void abandon(LoginFlow flow, LoginException why) {
        flows.abandon(flow, why);
    }

    private LoginResult finish(CallbackParams params, LoginFlow flow) throws LoginException {
        try {
            LoginResult result = exchangeAndStore(params, flow);
            LOG.info("Google login of {} {}: account {}, OAuth client {}", Masks.email(result.email()),
                    result.created() ? "added" : "renewed", result.account().id(), flow.client().name());
            flow.succeed(result);
            return result;
        } catch (LoginException e) {
            LOG.info("Google login failed ({}): {}", e.reason(), e.getMessage());
            flow.fail(e);
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Google login failed while storing the account", e);
            LoginException failed = new LoginException(LoginException.Reason.FAILED, "Google confirmed the login, but"
                    + " Nexus could not store the account (the server log has the details); try again", e);
            flow.fail(failed);
            throw failed;
        }
    }

    private LoginResult exchangeAndStore(CallbackParams params, LoginFlow flow) throws LoginException {
        if (params.error().isPresent()) {
            throw refusal(params.error().get(), params.errorDescription(), flow.client());
        }
        TokenGrant grant;
        String email;
        try {
            grant = google.exchangeCode(flow.client(), params.code().orElseThrow(), flow.pkce().verifier(), flow.redirectUri());
            email = google.email(grant.accessToken());
        } catch (OAuthException e) {
            throw new LoginException(LoginException.Reason.GOOGLE_FAILED, e.getMessage(), e);
        }
        Secret refreshToken = grant.refreshToken().orElseThrow(() -> new LoginException(LoginException.Reason.GOOGLE_FAILED,
                "Google granted no refresh token, so Nexus could not keep the account signed in; remove Nexus's access"
                        + " at https://myaccount.google.com/permissions and log in again"));
        ProjectInfo project;
        try {
            project = projects.resolve(grant.accessToken());
        } catch (AccountUnavailableException e) {
            throw new LoginException(LoginException.Reason.GOOGLE_FAILED, "Cloud Code could not find or set up a project"
                    + " for " + email + ": " + e.getMessage(), e);
        }
        AccountRepository.Upserted stored = accounts.upsert(new NewAccount(Account.GOOGLE, email, refreshToken,
                Optional.of(grant.accessToken()), Optional.of(grant.expiresAt()), Optional.of(project.projectId()),
                project.tier(), Optional.of(flow.client().name())));
        return new LoginResult(stored.created(), stored.account());
    }

    private static LoginException refusal(String error, Optional<String> description, OAuthClientProfile client) {
        if (error.equals("access_denied")) {
            return new LoginException(LoginException.Reason.DENIED, "access was not granted on Google's consent page,"
                    + " so no account was added or changed; to add the account, start the login again and choose Allow");
        }
        return new LoginException(LoginException.Reason.GOOGLE_FAILED, "Google ended the login with error=" + error
                + description.map(d -> " (" + d + ")").orElse("") + "; no account was added or changed"
                + " (check the " + client.name() + " OAuth client's settings, or log in with another --client, then start"
                + " the login again)");
    }
}
