package dev.nexus.cli;

import dev.nexus.account.Account;
import dev.nexus.account.oauth.LoginAttempt;
import dev.nexus.account.oauth.LoginException;
import dev.nexus.account.oauth.LoginResult;
import dev.nexus.account.oauth.Logins;
import dev.nexus.account.oauth.OAuthClientProfile;
import dev.nexus.account.oauth.OAuthClients;
import dev.nexus.config.Settings;
import dev.nexus.store.SqlCodexAccounts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nexus accounts login}: adds (or renews) a Google account through Google's consent page (with
 * {@code --provider codex}, a ChatGPT account through OpenAI's sign-in). By default it
 * waits for the browser to come back to a callback listener on this machine; with {@code --paste} the person
 * opens the address anywhere and pastes the address the browser ended on, which works over SSH.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Add a Google account by logging in with Google, through the OAuth client chosen with --client;"
                        + " with --provider codex, a ChatGPT account (OpenAI's sign-in, the Codex CLI's client, redirect"
                        + " http://localhost:<NEXUS_CODEX_CALLBACK_PORT>/auth/callback).",
                "Prints the consent address and waits up to 5 minutes for the browser to come back to"
                        + " http://localhost:<NEXUS_OAUTH_CALLBACK_PORT>/oauth-callback on this machine.",
                "On a machine without a browser (SSH), use --paste: open the address anywhere, then paste the address"
                        + " the browser ended on. Logging in with a known email replaces its tokens and re-activates it."})
final class AccountsLoginCommand implements Callable<Integer> {
    /** Slack over the login's own lifetime, so the attempt's expiry (with its clearer message) comes first. */
    private static final Duration WAIT_SLACK = Duration.ofSeconds(5);

    @ParentCommand
    AccountsCommand accounts;

    @Option(names = "--no-browser", description = "Do not try to open a browser; only print the address.")
    boolean noBrowser;

    @Option(names = "--paste", description = "Finish by pasting the address the browser ended on (read from stdin)"
            + " instead of waiting for the local callback.")
    boolean paste;

    @Option(names = "--client", paramLabel = "NAME", description = "The OAuth client to log in with: antigravity (Antigravity's"
            + " public installed-app client), gemini-cli (Gemini CLI's) or custom (GOOGLE_CLIENT_ID/GOOGLE_CLIENT_SECRET)."
            + " Default: custom when GOOGLE_CLIENT_ID is set, else antigravity. The account refreshes with it from then on.")
    String client;

    @Option(names = "--provider", paramLabel = "PROVIDER", defaultValue = "google",
            description = "google (default: a Google account for Cloud Code) or codex (a ChatGPT account for the Codex backend).")
    String provider;

    /** Setting recording when the notice on the OAuth clients' terms was shown, so the CLI shows it once. */
    static final String NOTICE_SHOWN = "oauth_terms_notice_shown_at";

    @Override
    public Integer call() throws InterruptedException {
        NexusCommand root = accounts.root;
        Settings settings = root.settings();
        try (NexusState state = root.openState(settings);
                UpstreamClients upstreams = new UpstreamClients(settings, root.json, root.clock)) {
            boolean codex = chatGpt();
            Logins logins = codex ? upstreams.codexLogins(state.accounts, new SqlCodexAccounts(state.database), root.random)
                    : upstreams.logins(state.accounts, root.random);
            OAuthClientProfile chosen = logins.client(Optional.ofNullable(client).map(String::trim).filter(c -> !c.isEmpty()));
            if (!codex) {
                noticeOnce(state, root);
            }
            LoginResult result = paste ? byPaste(logins, chosen, root) : byCallback(logins, chosen, root, settings);
            root.out().println(result.summary());
            root.out().flush();
            return 0;
        } catch (LoginException e) {
            throw new Failures.UserError("login failed: " + e.getMessage());
        }
    }

    /** Whether this is a ChatGPT login; a provider Nexus cannot log in to is a one-line error. */
    private boolean chatGpt() {
        String name = provider.trim().toLowerCase(Locale.ROOT);
        if (name.equals(Account.CODEX) || name.equals("chatgpt")) {
            return true;
        }
        if (name.equals(Account.GOOGLE)) {
            return false;
        }
        throw new Failures.UserError("unknown --provider \"" + provider + "\": use google (a Google account) or codex (a ChatGPT"
                + " account)");
    }

    /** "the Google account" or "the ChatGPT account", as the instructions name what to sign in with. */
    private String whose(OAuthClientProfile chosen) {
        return chatGpt() ? "the ChatGPT account to add" : "the Google account to add (OAuth client " + chosen.name() + ")";
    }

    /** The terms notice, before the first login this database sees (a person reads it once, not every time). */
    private static void noticeOnce(NexusState state, NexusCommand root) {
        if (state.settings.get(NOTICE_SHOWN).isPresent()) {
            return;
        }
        root.out().println("Note: " + OAuthClients.TERMS_NOTICE + " (Shown once.)");
        root.out().println();
        state.settings.put(NOTICE_SHOWN, root.clock.instant().toString());
    }

    private LoginResult byCallback(Logins logins, OAuthClientProfile chosen, NexusCommand root, Settings settings)
            throws LoginException, InterruptedException {
        LoginAttempt attempt = logins.startWithListener(dashboard(settings), chosen);
        PrintWriter out = root.out();
        out.println("Open this address in a browser on this machine and sign in with " + whose(chosen) + ":");
        out.println();
        out.println("    " + attempt.consentUrl());
        out.println();
        if (!noBrowser && Browser.tryOpen(attempt.consentUrl())) {
            out.println("(A browser window was opened for it.)");
        }
        out.println("Waiting up to " + logins.lifetime().toMinutes() + " minutes for the browser to come back to "
                + attempt.flow().redirectUri() + " ... (Ctrl-C gives up; without a browser here, use --paste)");
        out.flush();
        return attempt.flow().await(logins.lifetime().plus(WAIT_SLACK));
    }

    private LoginResult byPaste(Logins logins, OAuthClientProfile chosen, NexusCommand root) throws LoginException {
        LoginAttempt attempt = logins.startForPaste(chosen);
        PrintWriter out = root.out();
        out.println("1. Open this address in any browser (your laptop's will do) and sign in with " + whose(chosen) + ":");
        out.println();
        out.println("    " + attempt.consentUrl());
        out.println();
        out.println("2. " + (chatGpt() ? "OpenAI" : "Google") + " then sends the browser to " + attempt.flow().redirectUri()
                + "?state=... - a page that will not load. Copy that whole address from the address bar.");
        out.flush();
        if (!noBrowser) {
            Browser.tryOpen(attempt.consentUrl());
        }
        root.err().print("3. Paste the address here and press Enter (within " + logins.lifetime().toMinutes() + " minutes): ");
        root.err().flush();
        String pasted;
        try {
            pasted = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new Failures.UserError("cannot read the pasted address: " + e.getMessage());
        }
        if (pasted == null) {
            throw new Failures.UserError("no address was pasted (input ended); run the command again and paste the"
                    + " address the browser ended on");
        }
        return logins.completePasted(pasted);
    }

    /** The dashboard of a server started with these settings, for the result page's link (none when PORT=0). */
    static Optional<URI> dashboard(Settings settings) {
        if (settings.port() == 0) {
            return Optional.empty();
        }
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        try {
            return Optional.of(URI.create("http://" + host + ":" + settings.port() + "/"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
