package dev.nexus.cli;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountState;
import dev.nexus.account.importer.GoogleDetails;
import dev.nexus.account.importer.ImportException;
import dev.nexus.account.oauth.OAuthClientProfile;
import dev.nexus.account.oauth.OAuthClients;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.config.Settings;
import dev.nexus.secret.Secret;
import dev.nexus.store.GoDatabase;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nexus accounts import}: add accounts from a refresh token, from credential files other tools wrote, or from
 * the Go version's {@code nexus.db}. Everything is read and checked before the first write, so a failed import
 * leaves the database as it was. Tokens are never printed.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Add accounts from exactly one source: a Google refresh token, credential files other tools wrote,"
                + " or the Go version's nexus.db. Importing an account again updates it instead of adding another.")
final class AccountsImportCommand implements Callable<Integer> {
    @ParentCommand
    AccountsCommand parent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--refresh-token", paramLabel = "TOKEN",
                description = "A Google OAuth refresh token, issued by the --client profile. Without --email or --project"
                        + " Nexus asks Google (token refresh, userinfo, loadCodeAssist/onboardUser) with that client.")
        String refreshToken;

        @Option(names = "--file", paramLabel = "PATH",
                description = "Gemini CLI oauth_creds.json, an Antigravity account file (or a JSON array of them), Codex"
                        + " auth.json, or a directory: every *.json in it. Missing emails and projects are asked of Google"
                        + " as for --refresh-token.")
        Path file;

        @Option(names = "--seed-db", paramLabel = "PATH",
                description = "The Go version's nexus.db: its accounts, model routes (replacing Nexus's) and API key.")
        Path seedDb;
    }

    @Option(names = "--email", paramLabel = "EMAIL",
            description = "The account's email; skips asking Google (with --file: for a file holding one account).")
    String email;

    @Option(names = "--project", paramLabel = "PROJECT", description = "The Cloud Code project id, if known.")
    String project;

    @Option(names = "--client", paramLabel = "NAME",
            description = "The OAuth client that issued the refresh token: antigravity, gemini-cli or custom"
                    + " (GOOGLE_CLIENT_ID/GOOGLE_CLIENT_SECRET). Default for --refresh-token: custom when GOOGLE_CLIENT_ID"
                    + " is set, else antigravity; --file takes it from the file's tool (Gemini CLI: gemini-cli,"
                    + " Antigravity: antigravity) unless given.")
    String client;

    @Option(names = "--no-link", description = "Do not keep a ChatGPT login imported from a Codex auth.json linked to"
            + " the file. Linked (the default), Nexus reads the file before each refresh and writes the rotated tokens back,"
            + " so the Codex CLI using it keeps working.")
    boolean noLink;

    @Override
    public Integer call() {
        NexusCommand root = parent.root;
        Settings settings = root.settings();
        Optional<String> givenEmail = given(email);
        Optional<String> givenProject = given(project);
        Optional<String> givenClient = given(client);
        if (source.seedDb != null) {
            if (givenEmail.isPresent() || givenProject.isPresent() || givenClient.isPresent()) {
                throw new Failures.UserError("--email, --project and --client go with --refresh-token or --file, not"
                        + " --seed-db (the Go database has the first two for every account, and its tokens are antigravity's)");
            }
            return importSeedDatabase(root, settings, source.seedDb);
        }
        OAuthClients clients = UpstreamClients.oauthClients(settings);
        OAuthClientProfile chosen;
        try {
            chosen = clients.chosen(givenClient);
        } catch (OAuthClients.UnknownProfile e) {
            throw new Failures.UserError(e.getMessage());
        }
        try (UpstreamClients upstreams = new UpstreamClients(settings, root.json, root.clock)) {
            GoogleDetails google = new GoogleDetails(upstreams.google, upstreams.codeAssist);
            if (source.file != null) {
                return new CredentialImport(google, clients, root.out(), root.err())
                        .run(source.file, givenEmail, givenProject, givenClient, !noLink, () -> root.openState(settings));
            }
            return importRefreshToken(root, settings, google, chosen, givenEmail, givenProject);
        }
    }

    private int importRefreshToken(NexusCommand root, Settings settings, GoogleDetails google, OAuthClientProfile client,
            Optional<String> givenEmail, Optional<String> givenProject) {
        Secret token = Secret.of(source.refreshToken.trim());
        if (token.reveal().isEmpty()) {
            throw new Failures.UserError("--refresh-token is empty");
        }
        GoogleDetails.Completed completed;
        try {
            completed = google.complete(GoogleDetails.Known.refreshTokenOnly(token, givenEmail, givenProject), client);
        } catch (ImportException e) {
            throw new Failures.UserError(e.getMessage());
        }
        completed.note().ifPresent(n -> root.err().println("nexus: note: " + n));
        try (NexusState state = root.openState(settings)) {
            root.out().println(describe(state.accounts.upsert(completed.account())) + ".");
            root.out().flush();
            return 0;
        }
    }

    private static int importSeedDatabase(NexusCommand root, Settings settings, Path file) {
        GoDatabase.Contents contents;
        try {
            contents = GoDatabase.read(file);
        } catch (GoDatabase.Unreadable e) {
            throw new Failures.UserError(e.getMessage());
        }
        try (NexusState state = root.openState(settings)) {
            ClientKeys keys = new ClientKeys(state.clientKeys, settings.apiKey(), root.random, root.clock);
            boolean anything = new SeedImport(state, keys, UpstreamClients.policy(settings), root.json, root.out()).apply(contents, file.toAbsolutePath().normalize());
            root.out().flush();
            if (!anything) {
                throw new Failures.UserError("nothing imported from " + file + ": it holds no importable account, route or"
                        + " api_key (see the lines above; check that it is the Go version's nexus.db in use)");
            }
            return 0;
        }
    }

    /** "Imported a@b as account ID (primary), project P, tier T" plus its state when not active; no full stop. */
    static String describe(AccountRepository.Upserted result) {
        return describe(result.account(), result.created());
    }

    static String describe(Account a, boolean created) {
        return (created ? "Imported " : "Updated ") + a.email() + " as account " + a.id()
                + (a.primary() ? " (primary)" : "") + a.oauthClient().map(c -> ", OAuth client " + c).orElse("")
                + a.projectId().map(p -> ", project " + p).orElse("")
                + a.tier().map(t -> ", tier " + t).orElse("")
                + (a.state() == AccountState.ACTIVE ? ""
                        : ", " + a.state().wireName() + a.stateReason().map(r -> " (" + r + ")").orElse(""));
    }

    private static Optional<String> given(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
