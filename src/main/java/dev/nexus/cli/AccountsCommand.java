package dev.nexus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nexus accounts list|import|remove}: upstream accounts, on the same database the server uses. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Manage upstream accounts (Google; Codex logins are stored for later).",
        subcommands = AccountsImportCommand.class)
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
                out.println("No accounts. Add one with: nexus accounts import --refresh-token TOKEN (or --file PATH, --seed-db PATH)");
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
