package dev.nexus.account.oauth;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the server and the CLI start and finish the logins of one identity provider (Google's, or OpenAI's for ChatGPT
 * accounts). A login is finished either by the browser coming
 * back to a {@link CallbackListener} on this machine, or — on a headless machine reached over SSH — by pasting
 * the address the browser ended on. Closing stops every listener still open.
 */
public final class Logins implements AutoCloseable {
    /** The port Antigravity's own login uses; also the redirect port of a paste-only login when the setting is 0. */
    public static final int DEFAULT_CALLBACK_PORT = 51121;
    /** The Codex CLI's login port and path, which OpenAI's client expects: {@code http://localhost:1455/auth/callback}. */
    public static final int CODEX_CALLBACK_PORT = 1455;
    public static final String CODEX_CALLBACK_PATH = "/auth/callback";

    /** Which OAuth client a login uses, by the name it was asked for (empty: the default). */
    public interface ClientChoice {
        OAuthClientProfile chosen(Optional<String> name) throws LoginException;
    }

    private final OAuthLogin login;
    private final ClientChoice clients;
    private final int callbackPort;
    private final int defaultPort;
    private final String callbackPath;
    private final Set<CallbackListener> listeners = ConcurrentHashMap.newKeySet();

    /** @param callbackPort the port a callback listener tries first (NEXUS_OAUTH_CALLBACK_PORT; 0: any free port) */
    public Logins(GoogleLogin login, OAuthClients clients, int callbackPort) {
        this(login, name -> {
            try {
                return clients.chosen(name);
            } catch (OAuthClients.UnknownProfile e) {
                throw new LoginException(LoginException.Reason.NOT_CONFIGURED, e.getMessage());
            }
        }, callbackPort, DEFAULT_CALLBACK_PORT, CallbackListener.PATH);
    }

    /**
     * @param callbackPort the port a callback listener tries first (0: any free port)
     * @param defaultPort the redirect port of a paste-only login when {@code callbackPort} is 0
     * @param callbackPath the path the provider redirects to
     */
    public Logins(OAuthLogin login, ClientChoice clients, int callbackPort, int defaultPort, String callbackPath) {
        this.login = login;
        this.clients = clients;
        this.callbackPort = callbackPort;
        this.defaultPort = defaultPort;
        this.callbackPath = callbackPath;
    }

    /** ChatGPT logins with the Codex CLI's client, redirected to {@code /auth/callback} on {@code callbackPort}. */
    public static Logins codex(LoginFlows flows, CodexLogin login, int callbackPort) {
        return new Logins(login.login(flows), name -> {
            if (name.isPresent() && !name.get().equals(OpenAiOAuthClient.CODEX_CLI.name())) {
                throw new LoginException(LoginException.Reason.NOT_CONFIGURED, "ChatGPT logins use the Codex CLI's client"
                        + " only; leave out --client (or name " + OpenAiOAuthClient.CODEX_CLI.name() + ")");
            }
            return OpenAiOAuthClient.CODEX_CLI;
        }, callbackPort, CODEX_CALLBACK_PORT, CODEX_CALLBACK_PATH);
    }

    /**
     * The OAuth client a login named, or the default one (for Google: custom when GOOGLE_CLIENT_ID is set, else
     * antigravity; for ChatGPT: the Codex CLI's).
     *
     * @throws LoginException {@code NOT_CONFIGURED}, with one line listing the profiles, for a name that is none
     */
    public OAuthClientProfile client(Optional<String> name) throws LoginException {
        return clients.chosen(name);
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
            listener = CallbackListener.open(callbackPort, callbackPath, dashboard);
        } catch (IOException e) {
            throw new LoginException(LoginException.Reason.UNAVAILABLE, "cannot listen on 127.0.0.1 for the login's redirect ("
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
        return login.start(CallbackListener.redirectUri(callbackPort == 0 ? defaultPort : callbackPort, callbackPath), client);
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
