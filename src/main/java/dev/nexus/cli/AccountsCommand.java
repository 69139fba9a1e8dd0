package dev.nexus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.NewAccount;
import dev.nexus.account.ProjectInfo;
import dev.nexus.account.oauth.OAuthException;
import dev.nexus.account.oauth.TokenGrant;
import dev.nexus.config.Settings;
import dev.nexus.secret.Secret;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nexus accounts list|login|import|remove}: upstream accounts, on the same database the server uses. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Manage upstream (Google) accounts.",
        subcommands = AccountsLoginCommand.class)
final class AccountsCommand {
    @ParentCommand
    NexusCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts (a local admin tool: emails in full).")
    int list(@Option(names = "--json", description = "Print a JSON array.") boolean json) {
        try (NexusState state = root.openState(root.settings())) {
            List<Account> accounts = state.accounts.list();
            PrintWriter out = root.out();
            if (json) {
                ArrayNode array = root.json.createArrayNode();
                accounts.forEach(a -> summary(array.addObject(), a));
                out.println(array.toPrettyString());
                out.flush();
            } else if (accounts.isEmpty()) {
                out.println("No accounts. Add one with: nexus accounts login");
                out.flush();
            } else {
                Table table = new Table("ID", "EMAIL", "PROVIDER", "STATE", "PRIMARY", "PROJECT", "TIER");
                for (Account a : accounts) {
                    String state1 = a.state().wireName() + a.stateReason().map(r -> " (" + r + ")").orElse("");
                    table.row(a.id(), a.email(), a.provider(), state1, a.primary() ? "yes" : "",
                            a.projectId().orElse("-"), a.tier().orElse("-"));
                }
                table.print(out);
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add a Google account from a refresh token. Without --email or --project, Nexus asks Google (token refresh, userinfo, loadCodeAssist/onboardUser)"
                    + ", which needs GOOGLE_CLIENT_ID/GOOGLE_CLIENT_SECRET of the client that issued the token.")
    int importToken(
            @Option(names = "--refresh-token", required = true, paramLabel = "TOKEN", description = "The OAuth refresh token.") String refreshToken,
            @Option(names = "--email", paramLabel = "EMAIL", description = "The account's email; skips asking Google.") String email,
            @Option(names = "--project", paramLabel = "PROJECT", description = "The Cloud Code project id, if known.") String project) {
        Settings settings = root.settings();
        Secret token = Secret.of(refreshToken.trim());
        if (token.reveal().isEmpty()) {
            throw new Failures.UserError("--refresh-token is empty");
        }
        Optional<TokenGrant> grant = Optional.empty();
        String resolvedEmail = email == null ? "" : email.trim();
        Optional<String> resolvedProject = Optional.ofNullable(project).map(String::trim).filter(p -> !p.isEmpty());
        Optional<String> tier = Optional.empty();
        if (resolvedEmail.isEmpty() || resolvedProject.isEmpty()) {
            try (UpstreamClients upstreams = new UpstreamClients(settings, root.json, root.clock)) {
                grant = Optional.of(upstreams.google.refresh(token));
                if (resolvedEmail.isEmpty()) {
                    resolvedEmail = upstreams.google.email(grant.get().accessToken());
                }
                if (resolvedProject.isEmpty()) {
                    ProjectInfo info = upstreams.codeAssist.resolve(grant.get().accessToken());
                    resolvedProject = Optional.of(info.projectId());
                    tier = info.tier();
                }
            } catch (OAuthException | AccountUnavailableException e) {
                if (resolvedEmail.isEmpty()) {
                    throw new Failures.UserError("cannot identify the account: " + e.getMessage()
                            + " (or pass --email to import without asking Google)");
                }
                root.err().println("nexus: note: could not ask Google for the project (" + e.getMessage()
                        + "); it will be discovered when the account is first used");
            }
        }
        NewAccount account = new NewAccount(Account.GOOGLE, resolvedEmail,
                grant.flatMap(TokenGrant::refreshToken).orElse(token),
                grant.map(TokenGrant::accessToken), grant.map(TokenGrant::expiresAt), resolvedProject, tier);
        try (NexusState state = root.openState(settings)) {
            AccountRepository.Upserted result = state.accounts.upsert(account);
            Account a = result.account();
            root.out().println((result.created() ? "Imported " : "Updated ") + a.email() + " as account " + a.id()
                    + (a.primary() ? " (primary)" : "") + a.projectId().map(p -> ", project " + p).orElse("")
                    + a.tier().map(t -> ", tier " + t).orElse("") + ".");
            root.out().flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an account and its tokens.")
    int remove(@Parameters(paramLabel = "ID_OR_EMAIL", description = "The account id or email (see: nexus accounts list).") String which) {
        try (NexusState state = root.openState(root.settings())) {
            String wanted = which.trim();
            List<Account> matches = state.accounts.find(wanted).map(List::of)
                    .orElseGet(() -> state.accounts.list().stream().filter(a -> a.email().equalsIgnoreCase(wanted)).toList());
            if (matches.isEmpty()) {
                throw new Failures.UserError("no account with id or email '" + wanted + "' (see: nexus accounts list)");
            }
            if (matches.size() > 1) {
                throw new Failures.UserError("'" + wanted + "' matches " + matches.size()
                        + " accounts of different providers; remove one by id (see: nexus accounts list)");
            }
            Account account = matches.get(0);
            state.accounts.remove(account.id());
            root.out().println("Removed " + account.email() + " (" + account.id() + ").");
            root.out().flush();
            return 0;
        }
    }

    private static void summary(ObjectNode node, Account a) {
        node.put("id", a.id());
        node.put("email", a.email());
        node.put("provider", a.provider());
        node.put("state", a.state().wireName());
        node.put("primary", a.primary());
        if (a.projectId().isPresent()) {
            node.put("project_id", a.projectId().get());
        } else {
            node.putNull("project_id");
        }
        if (a.tier().isPresent()) {
            node.put("tier", a.tier().get());
        } else {
            node.putNull("tier");
        }
    }
}
