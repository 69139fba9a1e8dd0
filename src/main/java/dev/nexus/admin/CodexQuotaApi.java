package dev.nexus.admin;

import dev.nexus.account.Account;
import dev.nexus.account.AccountAdmin;
import dev.nexus.account.AccountDirectory;
import dev.nexus.gateway.CodexQuotaJson;
import dev.nexus.gateway.CodexQuotas;
import dev.nexus.secret.Masks;
import dev.nexus.server.HttpError;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;

/**
 * {@code GET /api/accounts/{id}/codex-quota[?refresh=true]}: a ChatGPT account's Codex usage windows (5-hour primary,
 * weekly secondary) for the dashboard's bars; 409 for an account of another provider. Emails are masked.
 */
public final class CodexQuotaApi implements Routes {
    private final AccountAdmin admin;
    private final AccountDirectory directory;
    private final CodexQuotas quotas;
    private final Replies replies;
    private final Clock clock;

    public CodexQuotaApi(AccountAdmin admin, AccountDirectory directory, CodexQuotas quotas, Replies replies, Clock clock) {
        this.admin = admin;
        this.directory = directory;
        this.quotas = quotas;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/accounts/{id}/codex-quota", (req, res) -> {
            Account account = AccountsApi.found(() -> admin.find(AccountsApi.id(req)));
            if (!account.provider().equals(Account.CODEX)) {
                throw new HttpError(409, "account " + account.id() + " is a " + account.provider()
                        + " account; Codex windows exist only for ChatGPT accounts (its quota is at /api/accounts/" + account.id() + "/models)",
                        "not_a_chatgpt_account");
            }
            boolean refresh = req.query().first("refresh").map(Boolean::parseBoolean).orElse(false);
            try {
                replies.json(res, 200, CodexQuotaJson.account(quotas.of(account, refresh), Masks::email, clock.instant()));
            } finally {
                directory.refreshIfChanged();
            }
        });
    }
}
