package dev.nexus.account.oauth;

import java.net.URI;
import java.time.Duration;

/**
 * An identity provider's authorization-code login with PKCE, from consent URL to stored account (Google's, OpenAI's):
 * what {@link Logins} and a {@link CallbackListener} drive, whichever provider it is.
 */
public interface OAuthLogin {

    /** How long an attempt may take from consent URL to callback. */
    Duration lifetime();

    /** Starts an attempt with this OAuth client whose browser will be sent back to {@code redirectUri}. */
    LoginAttempt start(URI redirectUri, OAuthClientProfile client) throws LoginException;

    /** Completes whichever waiting attempt the redirect's state names (the pasted-URL path). */
    LoginResult complete(CallbackParams params) throws LoginException;

    /** Completes only this attempt; any other state is refused without touching other attempts (a listener's path). */
    LoginResult complete(CallbackParams params, LoginFlow only) throws LoginException;

    /** Gives up an attempt that is still waiting, e.g. because its listener closed. */
    void abandon(LoginFlow flow, LoginException why);
}
