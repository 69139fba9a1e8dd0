package dev.nexus.account;

import java.util.Optional;

/**
 * "Refresh now", asked for by the operator: a forced token refresh whose outcome is reported rather than thrown. A
 * refresh token its provider calls revoked leaves the account in {@link AccountState#NEEDS_RELOGIN} (the refresher
 * records that); a successful refresh of an account in that state makes it active again, since its token works.
 * Disabled, suspended and unverified accounts keep their state: a working token does not lift those.
 */
public final class ManualRefresh {
    private final AccountRepository repository;
    private final TokenRefresher tokens;

    public ManualRefresh(AccountRepository repository, TokenRefresher tokens) {
        this.repository = repository;
        this.tokens = tokens;
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
        try {
            tokens.accessToken(account, true);
        } catch (AccountUnavailableException e) {
            Account after = reread(account);
            boolean movedToRelogin = account.state() != AccountState.NEEDS_RELOGIN && after.state() == AccountState.NEEDS_RELOGIN;
            return e.needsRelogin() || movedToRelogin ? new Result.NeedsRelogin(after, e.getMessage()) : new Result.Failed(after, e.getMessage());
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
