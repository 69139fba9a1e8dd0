package dev.nexus.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.nexus.account.Account;
import dev.nexus.account.AccountRepository;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.CodexAccounts;
import dev.nexus.account.TokenRefresher;
import dev.nexus.provider.codex.CodexQuota;
import dev.nexus.provider.codex.CodexQuotaWindows;
import dev.nexus.provider.codex.CodexUsage;
import dev.nexus.secret.Secret;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What Nexus knows of each ChatGPT account's Codex usage windows: the last ones an answer stated
 * ({@link CodexQuotaWindows}), or, when none was seen yet or a refresh is asked for, the ones the backend's usage
 * endpoint reports now (recorded too, so the next reader needs no call). A failed usage call is not repeated for a
 * minute unless a refresh is asked for, so a dashboard or client polling an account the backend refuses does not
 * hammer it.
 */
public final class CodexQuotas {
    private final AccountRepository accounts;
    private final CodexAccounts codexAccounts;
    private final TokenRefresher tokens;
    private final CodexQuotaWindows windows;
    private final CodexUsage usage;
    /** Why the usage endpoint last failed per account: readers within a minute get the reason, not another call. */
    private final Cache<String, String> recentProblems = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    public CodexQuotas(AccountRepository accounts, CodexAccounts codexAccounts, TokenRefresher tokens, CodexQuotaWindows windows,
            CodexUsage usage) {
        this.accounts = accounts;
        this.codexAccounts = codexAccounts;
        this.tokens = tokens;
        this.windows = windows;
        this.usage = usage;
    }

    /**
     * One account's windows.
     *
     * @param seen empty while unknown: no answer stated them and the usage endpoint could not be asked
     * @param problem why the usage endpoint was not asked or failed, when it was needed
     */
    public record AccountWindows(Account account, Optional<String> chatgptAccountId, Optional<CodexQuotaWindows.Seen> seen,
            Optional<String> problem) {}

    /** The ChatGPT accounts, oldest first: the first active one is the one {@code /v1/codex/quota} reports on top. */
    public List<Account> chatgptAccounts() {
        return accounts.list().stream().filter(a -> a.provider().equals(Account.CODEX))
                .sorted(Comparator.comparing(Account::createdAt).thenComparing(Account::id)).toList();
    }

    /** @param refresh ask the usage endpoint even when windows were seen */
    public AccountWindows of(Account account, boolean refresh) {
        Optional<String> chatgptId = codexAccounts.details(account.id()).chatgptAccountId();
        Optional<CodexQuotaWindows.Seen> latest = windows.latest(account.id());
        if (latest.isPresent() && !refresh) {
            return new AccountWindows(account, chatgptId, latest, Optional.empty());
        }
        if (!account.active()) {
            // The state's reason stays on the dashboard: it can name a file on this machine, and client keys read this note.
            return new AccountWindows(account, chatgptId, latest, Optional.of("the account is " + account.state().wireName()
                    + "; its windows are unknown until it serves a request again (see the dashboard)"));
        }
        String recent = refresh ? null : recentProblems.getIfPresent(account.id());
        if (recent != null) {
            return new AccountWindows(account, chatgptId, latest, Optional.of(recent));
        }
        try {
            Optional<CodexQuota> now = read(account, chatgptId);
            now.ifPresent(q -> windows.record(account.id(), q));
            return new AccountWindows(account, chatgptId, windows.latest(account.id()),
                    now.isPresent() ? Optional.empty() : Optional.of("the Codex usage endpoint stated no windows; unknown until the first request"));
        } catch (AccountUnavailableException | CodexUsage.Failed e) {
            recentProblems.put(account.id(), e.getMessage());
            return new AccountWindows(account, chatgptId, latest, Optional.of(e.getMessage()));
        }
    }

    /** The usage endpoint's answer; a token it rejects is refreshed once, as for any Codex call. */
    private Optional<CodexQuota> read(Account account, Optional<String> chatgptId) throws AccountUnavailableException, CodexUsage.Failed {
        Secret token = tokens.accessToken(account, false);
        try {
            return usage.read(token, chatgptId);
        } catch (CodexUsage.Failed e) {
            if (e.status() != 401) {
                throw e;
            }
            return usage.read(tokens.replaceRejected(account, token), chatgptId);
        }
    }
}
