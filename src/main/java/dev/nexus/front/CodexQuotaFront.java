package dev.nexus.front;

import dev.nexus.account.Account;
import dev.nexus.gateway.CodexQuotaJson;
import dev.nexus.gateway.CodexQuotas;
import dev.nexus.secret.Masks;
import dev.nexus.server.HttpError;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /v1/codex/quota[?refresh=true]}: the Go original's answer for the first active ChatGPT account plus every
 * account's Codex usage windows; emails are masked (client keys are not admins). 404 when no ChatGPT account is linked.
 */
public final class CodexQuotaFront implements Routes {
    private final CodexQuotas quotas;
    private final Replies replies;
    private final Clock clock;

    public CodexQuotaFront(CodexQuotas quotas, Replies replies, Clock clock) {
        this.quotas = quotas;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/v1/codex/quota", (req, res) -> {
            List<Account> accounts = quotas.chatgptAccounts();
            if (accounts.isEmpty()) {
                throw new HttpError(404, "Codex quota: no ChatGPT account is linked; add one with `nexus accounts login --provider codex`"
                        + " or `nexus accounts import --file ~/.codex/auth.json`, or from the dashboard's Add account", "codex_not_configured");
            }
            boolean refresh = req.query().first("refresh").map(Boolean::parseBoolean).orElse(false);
            replies.json(req, res, 200, CodexQuotaJson.overview(accounts.stream().map(a -> quotas.of(a, refresh)).toList(),
                    Masks::email, clock.instant()));
        });
    }
}
