package dev.nexus.account.oauth;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the server and the CLI start and finish Google logins. A login is finished either by the browser coming
 * back to a {@link CallbackListener} on this machine, or — on a headless machine reached over SSH — by pasting
 * the address the browser ended on. Closing stops every listener still open.
 */
public final class Logins implements AutoCloseable {
    /** The port Antigravity's own login uses; also the redirect port of a paste-only login when the setting is 0. */
    public static final int DEFAULT_CALLBACK_PORT = 51121;

    private final GoogleLogin login;
    private final OAuthClients clients;
    private final int callbackPort;
    private final Set<CallbackListener> listeners = ConcurrentHashMap.newKeySet();

    /** @param callbackPort the port a callback listener tries first (NEXUS_OAUTH_CALLBACK_PORT; 0: any free port) */
    public Logins(GoogleLogin login, OAuthClients clients, int callbackPort) {
        this.login = login;
        this.clients = clients;
        this.callbackPort = callbackPort;
    }

    /**
     * The OAuth client a login named, or the default one (custom when GOOGLE_CLIENT_ID is set, else antigravity).
     *
     * @throws LoginException {@code NOT_CONFIGURED}, with one line listing the profiles, for a name that is none
     */
    public OAuthClientProfile client(Optional<String> name) throws LoginException {
        try {
            return clients.chosen(name);
        } catch (OAuthClients.UnknownProfile e) {
            throw new LoginException(LoginException.Reason.NOT_CONFIGURED, e.getMessage());
        }
    }

    public Duration lifetime() {
        return login.lifetime();
    }

    /**
     * Starts a login whose browser comes back to a new callback listener on 127.0.0.1. The attempt can still be
     * finished by pasting its redirect URL instead.
     *
     * @param dashboard where the result page links to
     */
    public LoginAttempt startWithListener(Optional<URI> dashboard, OAuthClientProfile client) throws LoginException {
        CallbackListener listener;
        try {
            listener = CallbackListener.open(callbackPort, dashboard);
        } catch (IOException e) {
            throw new LoginException(LoginException.Reason.UNAVAILABLE, "cannot listen on 127.0.0.1 for Google's redirect ("
                    + e.getMessage() + "); log in with the pasted-URL path instead", e);
        }
        try {
            LoginAttempt attempt = login.start(listener.redirectUri(), client);
            listeners.add(listener);
            listener.serve(login, attempt.flow(), () -> listeners.remove(listener));
            return attempt;
        } catch (LoginException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /**
     * Starts a login finished only by {@link #completePasted}: no listener; the browser's final page will not load,
     * and its address is what the person pastes.
     */
    public LoginAttempt startForPaste(OAuthClientProfile client) throws LoginException {
        return login.start(CallbackListener.redirectUri(callbackPort == 0 ? DEFAULT_CALLBACK_PORT : callbackPort), client);
    }

    /** Finishes the attempt named by the pasted redirect URL, whichever way it was started. */
    public LoginResult completePasted(String pastedUrl) throws LoginException {
        return login.complete(CallbackParams.fromPastedUrl(pastedUrl));
    }

    /** Listeners still waiting for a browser. */
    public int openListeners() {
        return listeners.size();
    }

    @Override
    public void close() {
        listeners.forEach(CallbackListener::close);
    }
}
