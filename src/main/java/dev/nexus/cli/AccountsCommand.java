package dev.nexus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountActionRefusedException;
import dev.nexus.account.AccountAdmin;
import dev.nexus.account.NoSuchAccountException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nexus accounts list|login|import|remove|enable|disable|promote}: upstream accounts, on the same database the
 * server uses (a running server sees changes within 2 s).
 */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Manage upstream accounts (Google; Codex logins are stored for later).",
        subcommands = {AccountsLoginCommand.class, AccountsImportCommand.class})
final class AccountsCommand {
    @ParentCommand
    NexusCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts (a local admin tool: emails in full).")
    int list(@Option(names = "--json", description = "Print a JSON array.") boolean json) {
        try (NexusState state = root.openState(root.settings())) {
            List<Account> accounts = state.accounts.list();
            java.util.Map<String, List<dev.nexus.account.CooldownRepository.Cooldown>> cooling = state.cooldowns
                    .active(root.clock.instant()).stream()
                    .collect(java.util.stream.Collectors.groupingBy(dev.nexus.account.CooldownRepository.Cooldown::accountId));
            PrintWriter out = root.out();
            if (json) {
                ArrayNode array = root.json.createArrayNode();
                // A documented interface: id, email, provider, state, state_reason, state_since, primary, project_id, tier,
                // oauth_client.
                accounts.forEach(a -> summary(array.addObject(), a));
                out.println(array.toPrettyString());
                out.flush();
            } else if (accounts.isEmpty()) {
                out.println("No accounts. Add one with: nexus accounts login (or: nexus accounts import)");
                out.flush();
            } else {
                Table table = new Table("ID", "EMAIL", "PROVIDER", "CLIENT", "STATE", "SINCE", "PRIMARY", "PROJECT", "TIER");
                for (Account a : accounts) {
                    String stateText = a.state().wireName() + a.stateReason().map(r -> " (" + r + ")").orElse("")
                            + cooling.getOrDefault(a.id(), List.of()).stream()
                                    .map(c -> ", cooling " + c.model() + " until " + c.until())
                                    .collect(java.util.stream.Collectors.joining());
                    table.row(a.id(), a.email(), a.provider(), a.oauthClient().orElse("-"), stateText, a.stateSince().toString(), a.primary() ? "yes" : "",
                            a.projectId().orElse("-"), a.tier().orElse("-"));
                }
                table.print(out);
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an account and its tokens.")
    int remove(@Parameters(paramLabel = "ID_OR_EMAIL", description = "The account id or email (see: nexus accounts list).") String which) {
        Account account = change(admin -> admin.remove(which));
        return done("Removed " + account.email() + " (" + account.id() + ").");
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Put an account back in service (state active).")
    int enable(@Parameters(paramLabel = "ID_OR_EMAIL", description = "The account id or email (see: nexus accounts list).") String which) {
        Account account = change(admin -> admin.setEnabled(which, true));
        return done("Enabled " + account.email() + " (" + account.id() + ").");
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Take an account out of service until it is enabled again (state disabled).")
    int disable(@Parameters(paramLabel = "ID_OR_EMAIL", description = "The account id or email (see: nexus accounts list).") String which) {
        Account account = change(admin -> admin.setEnabled(which, false));
        return done("Disabled " + account.email() + " (" + account.id() + ")"
                + (account.primary() ? "; it stays primary, so requests go to the next active account" : "") + ".");
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make a Google account the primary one (and active); requests without X-Nexus-Account go to it first.")
    int promote(@Parameters(paramLabel = "ID_OR_EMAIL", description = "The account id or email (see: nexus accounts list).") String which) {
        Account account = change(admin -> admin.promote(which));
        return done("Promoted " + account.email() + " (" + account.id() + ") to primary.");
    }

    private Account change(Function<AccountAdmin, Account> action) {
        try (NexusState state = root.openState(root.settings())) {
            return action.apply(new AccountAdmin(state.accounts));
        } catch (NoSuchAccountException | AccountActionRefusedException e) {
            throw new Failures.UserError(e.getMessage());
        }
    }

    private int done(String message) {
        root.out().println(message);
        root.out().flush();
        return 0;
    }

    private static void summary(ObjectNode node, Account a) {
        node.put("id", a.id());
        node.put("email", a.email());
        node.put("provider", a.provider());
        node.put("state", a.state().wireName());
        if (a.stateReason().isPresent()) {
            node.put("state_reason", a.stateReason().get());
        } else {
            node.putNull("state_reason");
        }
        node.put("state_since", a.stateSince().toString());
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
        if (a.oauthClient().isPresent()) {
            node.put("oauth_client", a.oauthClient().get());
        } else {
            node.putNull("oauth_client");
        }
    }
}
