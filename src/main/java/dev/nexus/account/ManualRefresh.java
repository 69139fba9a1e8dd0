package dev.nexus.account;

import dev.nexus.account.oauth.OAuthException;
import java.util.Map;
import java.util.Optional;

/**
 * "Refresh now", asked for by the operator: a forced token refresh through the account's provider (Google's or
 * ChatGPT's token source) whose outcome is reported rather than thrown. A refresh token its issuer calls revoked
 * leaves the account in {@link AccountState#NEEDS_RELOGIN} (the token source records that); a successful refresh of an account in that state makes it active again, since its token works.
 * Disabled, suspended and unverified accounts keep their state: a working token does not lift those.
 */
public final class ManualRefresh {
    private final AccountRepository repository;
    private final Map<String, TokenSource> sources;

    /** Refreshes Google accounts only. */
    public ManualRefresh(AccountRepository repository, TokenRefresher tokens) {
        this(repository, Map.of(Account.GOOGLE, tokens::accessToken));
    }

    /** @param sources the token source of each provider, e.g. {@code codex} for ChatGPT accounts */
    public ManualRefresh(AccountRepository repository, Map<String, TokenSource> sources) {
        this.repository = repository;
        this.sources = Map.copyOf(sources);
    }

    /** How the refresh went; {@link #account()} is the account as stored afterwards. */
    public sealed interface Result {
        Account account();

        record Refreshed(Account account) implements Result {}

        /** The refresh token is revoked or expired; only a new login or import helps. */
        record NeedsRelogin(Account account, String message) implements Result {}

        /** Google could not be asked, or answered with an error that may pass. */
        record Failed(Account account, String message) implements Result {}
    }

    public Result refresh(Account account) {
        TokenSource tokens = sources.get(account.provider());
        if (tokens == null) {
            return new Result.Failed(account, "this Nexus cannot refresh " + account.provider() + " accounts");
        }
        try {
            tokens.accessToken(account, true);
        } catch (AccountUnavailableException e) {
            Account after = reread(account);
            boolean revoked = e.getCause() instanceof OAuthException oauth && oauth.permanent();
            boolean movedToRelogin = account.state() != AccountState.NEEDS_RELOGIN && after.state() == AccountState.NEEDS_RELOGIN;
            return revoked || movedToRelogin ? new Result.NeedsRelogin(after, e.getMessage()) : new Result.Failed(after, e.getMessage());
        }
        if (account.state() == AccountState.NEEDS_RELOGIN) {
            repository.setState(account.id(), AccountState.ACTIVE, Optional.empty());
        }
        return new Result.Refreshed(reread(account));
    }

    private Account reread(Account account) {
        return repository.find(account.id()).orElse(account);
    }
}
