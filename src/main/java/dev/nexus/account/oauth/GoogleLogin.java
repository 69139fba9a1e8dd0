package dev.nexus.account.oauth;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.NewAccount;
import dev.nexus.account.ProjectInfo;
import dev.nexus.account.ProjectResolver;
import dev.nexus.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Google's authorization-code login with PKCE, from consent URL to stored account: validate the state, exchange
 * the code with the attempt's verifier, ask userinfo for the email and Cloud Code for the project and tier, then
 * upsert the account by email. Nothing is stored unless every step succeeded, so a failed login leaves no
 * half-made account; a login of a known email replaces its tokens and re-activates it.
 */
public final class GoogleLogin implements OAuthLogin {
    private final GoogleOAuthClient google;
    private final ProjectResolver projects;
    private final AccountRepository accounts;
    private final PkceLogin login;

    public GoogleLogin(LoginFlows flows, GoogleOAuthClient google, ProjectResolver projects, AccountRepository accounts,
            URI authUrl) {
        this.google = google;
        this.projects = projects;
        this.accounts = accounts;
        this.login = new PkceLogin(flows, "Google", flow -> ConsentUrl.build(authUrl, flow.client(), flow), this::exchangeAndStore);
    }

    @Override
    public Duration lifetime() {
        return login.lifetime();
    }

    @Override
    public LoginAttempt start(URI redirectUri, OAuthClientProfile client) throws LoginException {
        return login.start(redirectUri, client);
    }

    @Override
    public LoginResult complete(CallbackParams params) throws LoginException {
        return login.complete(params);
    }

    @Override
    public LoginResult complete(CallbackParams params, LoginFlow only) throws LoginException {
        return login.complete(params, only);
    }

    @Override
    public void abandon(LoginFlow flow, LoginException why) {
        login.abandon(flow, why);
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
