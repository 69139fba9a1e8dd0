package dev.nexus.cli;

import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.NewAccount;
import dev.nexus.account.CodexAccounts;
import dev.nexus.account.importer.CredentialFiles;
import dev.nexus.account.importer.GoogleDetails;
import dev.nexus.account.importer.ImportEntry;
import dev.nexus.account.importer.ImportException;
import dev.nexus.account.oauth.OAuthClients;
import dev.nexus.store.SqlCodexAccounts;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code accounts import --file}: reads the credential files, completes each Google account through Google where the
 * file lacks the email or project (with the OAuth client of the tool that wrote the file: gemini-cli for Gemini CLI's,
 * antigravity for Antigravity's; {@code --client} overrides), and only then stores them all. Entries that cannot be imported are reported with
 * their reason; when none can, nothing is stored and the command fails.
 */
final class CredentialImport {
    private final GoogleDetails google;
    private final OAuthClients clients;
    private final PrintWriter out;
    private final PrintWriter err;

    CredentialImport(GoogleDetails google, OAuthClients clients, PrintWriter out, PrintWriter err) {
        this.google = google;
        this.clients = clients;
        this.out = out;
        this.err = err;
    }

    /** What became of one entry before anything is stored. */
    private sealed interface Prepared {}

    /** An account ready to store, with a note on what could not be found out. */
    private record Ready(ImportEntry.Candidate candidate, NewAccount account, Optional<String> note) implements Prepared {}

    private record Left(ImportEntry.Skipped skipped) implements Prepared {}

    /** @param client the OAuth client profile named with {@code --client}, which wins over what the files say */
    /**
     * @param link whether a ChatGPT login read from a single file stays linked to it (refreshes read it first and write
     *     it back), so the Codex CLI using that file keeps working
     */
    int run(Path path, Optional<String> email, Optional<String> project, Optional<String> client, boolean link,
            Supplier<NexusState> state) {
        List<ImportEntry> entries;
        try {
            entries = CredentialFiles.read(path);
        } catch (ImportException e) {
            throw new Failures.UserError(e.getMessage());
        }
        long candidates = entries.stream().filter(ImportEntry.Candidate.class::isInstance).count();
        if (candidates > 1 && (email.isPresent() || project.isPresent())) {
            throw new Failures.UserError("--email and --project apply to one account, but " + path + " holds " + candidates
                    + " (import the files one at a time to give each its own)");
        }
        List<Prepared> prepared = new ArrayList<>();
        for (ImportEntry entry : entries) {
            prepared.add(switch (entry) {
                case ImportEntry.Skipped skipped -> new Left(skipped);
                case ImportEntry.Candidate candidate -> prepare(override(candidate, email, project, client));
            });
        }
        long ready = prepared.stream().filter(Ready.class::isInstance).count();
        if (ready == 0) {
            throw new Failures.UserError("nothing imported from " + path + ": " + prepared.stream()
                    .map(p -> ((Left) p).skipped()).map(s -> s.source() + ": " + s.reason()).collect(Collectors.joining("; ")));
        }
        int created = 0;
        try (NexusState opened = state.get()) {
            for (Prepared p : prepared) {
                switch (p) {
                    case Ready r -> {
                        AccountRepository.Upserted result = opened.accounts.upsert(r.account());
                        created += result.created() ? 1 : 0;
                        Optional<Path> linked = codexDetails(new SqlCodexAccounts(opened.database), result.account().id(),
                                r.candidate(), link && Files.isRegularFile(path) && candidates == 1 ? Optional.of(path) : Optional.empty());
                        out.println(AccountsImportCommand.describe(result) + " — from " + r.candidate().source() + " ("
                                + r.candidate().format() + ")" + linked.map(f -> "; linked to " + f
                                        + " (refreshed tokens are written back; --no-link opts out)").orElse("") + ".");
                        r.note().ifPresent(n -> err.println("nexus: note: " + r.account().email() + ": " + n));
                    }
                    case Left l -> out.println("Skipped " + l.skipped().source() + ": " + l.skipped().reason() + ".");
                }
            }
        }
        out.println("Done: " + created + " imported, " + (ready - created) + " updated, " + (prepared.size() - ready)
                + " skipped.");
        out.flush();
        err.flush();
        return 0;
    }

    /**
     * Records a ChatGPT login's account id, and links it to the file it came from (or unlinks it, when imported with
     * {@code --no-link} or from elsewhere); returns the linked file. Google accounts have neither.
     */
    private static Optional<Path> codexDetails(CodexAccounts codex, String accountId, ImportEntry.Candidate candidate,
            Optional<Path> file) {
        if (!candidate.provider().equals(Account.CODEX)) {
            return Optional.empty();
        }
        candidate.chatgptAccountId().ifPresent(id -> codex.setChatgptAccountId(accountId, id));
        codex.linkAuthFile(accountId, file);
        return file.map(f -> f.toAbsolutePath().normalize());
    }

    /** The options given on the command line win over the file (they apply only when it holds one account). */
    private static ImportEntry.Candidate override(ImportEntry.Candidate c, Optional<String> email, Optional<String> project,
            Optional<String> client) {
        ImportEntry.Candidate result = email.map(c::withEmail).orElse(c);
        result = client.filter(n -> c.provider().equals(Account.GOOGLE)).map(result::withOAuthClient).orElse(result);
        return project.map(result::withProject).orElse(result);
    }

    private Prepared prepare(ImportEntry.Candidate c) {
        if (!c.provider().equals(Account.GOOGLE)) {
            if (c.email().isEmpty()) {
                return new Left(new ImportEntry.Skipped(c.source(), "no email in its id_token (pass --email EMAIL)"));
            }
            return new Ready(c, new NewAccount(c.provider(), c.email().get(), c.refreshToken(), c.accessToken(),
                    c.expiresAt(), c.projectId(), c.tier(), Optional.empty()), Optional.empty());
        }
        try {
            GoogleDetails.Completed done = google.complete(new GoogleDetails.Known(c.refreshToken(), c.email(),
                    c.projectId(), c.tier(), c.accessToken(), c.expiresAt()),
                    clients.named(c.oauthClient().orElse(OAuthClients.ANTIGRAVITY)));
            return new Ready(c, done.account(), done.note());
        } catch (ImportException | OAuthClients.UnknownProfile e) {
            return new Left(new ImportEntry.Skipped(c.source(), e.getMessage()));
        }
    }
}
