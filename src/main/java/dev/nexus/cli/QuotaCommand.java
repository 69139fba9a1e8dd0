package dev.nexus.cli;

import dev.nexus.account.Account;
import dev.nexus.account.AccountAdmin;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.NoSuchAccountException;
import dev.nexus.account.TokenRefresher;
import dev.nexus.admin.QuotaJson;
import dev.nexus.config.Settings;
import dev.nexus.gateway.AccountQuota;
import dev.nexus.gateway.CodexQuotaJson;
import dev.nexus.gateway.CodexQuotas;
import dev.nexus.provider.codex.CodexQuotaWindows;
import dev.nexus.store.SqlCodexAccounts;
import dev.nexus.secret.Masks;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nexus quota [ACCOUNT]}: each model's remaining quota and reset time, from Cloud Code. */
@Command(name = "quota", mixinStandardHelpOptions = true,
        description = "Show an account's remaining quota per model and when it resets (asks Cloud Code; a token that must be refreshed is refreshed with the account's own OAuth client). For a ChatGPT account: its Codex 5-hour and weekly windows (asks the ChatGPT backend's usage endpoint).")
final class QuotaCommand implements Callable<Integer> {
    @ParentCommand
    NexusCommand root;

    @Parameters(arity = "0..1", paramLabel = "ACCOUNT", description = "Account id or email (default: the primary account).")
    String account;

    @Option(names = "--json", description = "Print {\"account_id\",\"email\",\"models\":[…],\"count\"} as JSON (a ChatGPT account: {\"id\",\"email\",\"primary\",\"secondary\",…}).")
    boolean json;

    @Override
    public Integer call() {
        Settings settings = root.settings();
        try (NexusState state = root.openState(settings); UpstreamClients upstreams = new UpstreamClients(settings, root.json, root.clock)) {
            Account chosen = choose(state, root.err());
            SqlCodexAccounts codexAccounts = new SqlCodexAccounts(state.database);
            TokenRefresher tokens = new TokenRefresher(upstreams.tokenSources(codexAccounts), state.accounts, root.clock,
                    new dev.nexus.store.SqlLeases(state.database, root.clock));
            if (chosen.provider().equals(Account.CODEX)) {
                return codex(upstreams.codexQuotas(state.accounts, codexAccounts, tokens, new CodexQuotaWindows(root.clock)), chosen);
            }
            AccountQuota quota = new AccountQuota(tokens, upstreams.cloudCode(state.accounts).models());
            List<AccountQuota.ModelQuota> models;
            try {
                models = quota.read(chosen);
            } catch (AccountUnavailableException e) {
                // The shared messages mask the email; the operator at the terminal may see it in full.
                throw new Failures.UserError(e.getMessage().replace(Masks.email(chosen.email()), chosen.email()));
            }
            Instant now = root.clock.instant();
            PrintWriter out = root.out();
            if (json) {
                out.println(QuotaJson.view(chosen, chosen.email(), models, now).toPrettyString());
                out.flush();
            } else {
                out.println("Quota of " + chosen.email() + (chosen.primary() ? " (primary)" : "") + ", account " + chosen.id() + ":");
                QuotaTable.print(models, now, out);
            }
            return 0;
        }
    }

    /** A ChatGPT account's two Codex windows, asked of the backend's usage endpoint (a CLI has seen no answers). */
    private int codex(CodexQuotas quotas, Account chosen) {
        CodexQuotas.AccountWindows windows = quotas.of(chosen, true);
        Instant now = root.clock.instant();
        PrintWriter out = root.out();
        if (json) {
            out.println(CodexQuotaJson.account(windows, email -> email, now).toPrettyString());
            out.flush();
            return windows.seen().isPresent() ? 0 : 1;
        }
        if (windows.seen().isEmpty()) {
            throw new Failures.UserError("the Codex windows of " + chosen.email() + " are unknown: "
                    + windows.problem().orElse("unknown until the first request"));
        }
        out.println("Codex quota of " + chosen.email() + chosen.tier().map(t -> " (" + t + ")").orElse("") + ", account "
                + chosen.id() + ", as of " + windows.seen().get().at() + ":");
        QuotaTable.printCodex(windows.seen().get().quota(), now, out);
        out.flush();
        return 0;
    }

    /** The named account, else the primary, else the oldest Google account (saying so on stderr). */
    private Account choose(NexusState state, PrintWriter err) {
        if (account != null) {
            try {
                return new AccountAdmin(state.accounts).find(account);
            } catch (NoSuchAccountException e) {
                throw new Failures.UserError(e.getMessage());
            }
        }
        List<Account> google = state.accounts.list().stream().filter(a -> a.provider().equals(Account.GOOGLE)).toList();
        if (google.isEmpty()) {
            boolean chatgpt = state.accounts.list().stream().anyMatch(a -> a.provider().equals(Account.CODEX));
            throw new Failures.UserError("no Google account is linked (add one with: nexus accounts import --refresh-token TOKEN)"
                    + (chatgpt ? "; for a ChatGPT account's Codex windows name it: nexus quota ACCOUNT" : ""));
        }
        return google.stream().filter(Account::primary).findFirst().orElseGet(() -> {
            Account oldest = google.stream().min(Comparator.comparing(Account::createdAt)).orElseThrow();
            err.println("nexus: no primary account; showing the oldest, " + oldest.email()
                    + " (choose one with: nexus quota ACCOUNT, or nexus accounts promote ACCOUNT)");
            err.flush();
            return oldest;
        });
    }
}
