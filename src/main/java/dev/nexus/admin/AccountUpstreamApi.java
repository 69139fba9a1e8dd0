package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountAdmin;
import dev.nexus.account.AccountDirectory;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.ManualRefresh;
import dev.nexus.gateway.AccountQuota;
import dev.nexus.secret.Masks;
import dev.nexus.server.HttpError;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;

/**
 * The account endpoints that ask Google: {@code POST /api/accounts/{id}/refresh} (a forced token refresh; a revoked
 * token is a 409 {@code needs_relogin}, any other failure a 502) and {@code GET /api/accounts/{id}/models} (remaining
 * quota per model from Cloud Code). Emails in answers and errors are masked.
 */
public final class AccountUpstreamApi implements Routes {
    private final AccountDirectory directory;
    private final AccountAdmin admin;
    private final ManualRefresh refresh;
    private final AccountQuota quota;
    private final Replies replies;
    private final Clock clock;

    public AccountUpstreamApi(AccountDirectory directory, AccountAdmin admin, ManualRefresh refresh, AccountQuota quota,
            Replies replies, Clock clock) {
        this.directory = directory;
        this.admin = admin;
        this.refresh = refresh;
        this.quota = quota;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.post("/api/accounts/{id}/refresh", (req, res) -> {
                    Account account = AccountsApi.found(() -> admin.find(AccountsApi.id(req)));
                    ManualRefresh.Result result;
                    try {
                        result = refresh.refresh(account);
                    } finally {
                        directory.refreshIfChanged();
                    }
                    replies.json(res, 200, refreshed(result));
                })
                .get("/api/accounts/{id}/models", (req, res) -> {
                    Account account = AccountsApi.found(() -> admin.find(AccountsApi.id(req)));
                    try {
                        replies.json(res, 200, QuotaJson.view(account, Masks.email(account.email()), quota.read(account), clock.instant()));
                    } catch (AccountUnavailableException e) {
                        throw new HttpError(e.status(), e.getMessage(), "quota_unavailable");
                    } finally {
                        directory.refreshIfChanged();
                    }
                });
    }

    private static ObjectNode refreshed(ManualRefresh.Result result) {
        return switch (result) {
            case ManualRefresh.Result.Refreshed done -> AccountsApi.ok(done.account());
            case ManualRefresh.Result.NeedsRelogin relogin -> throw new HttpError(409, relogin.message(), "needs_relogin");
            case ManualRefresh.Result.Failed failed -> throw new HttpError(502, failed.message(), "refresh_failed");
        };
    }
}
