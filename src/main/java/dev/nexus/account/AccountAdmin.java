package dev.nexus.account;

import java.util.List;
import java.util.Optional;

/**
 * What an operator does to accounts, the same from the admin API and the CLI: find one by id or email, promote it
 * to primary, disable or enable it, remove it. Each change goes through the repository, so it moves the accounts
 * revision and every running server sees it within the poll interval.
 */
public final class AccountAdmin {
    /** The state reason of an account switched off by {@link #setEnabled}. */
    public static final String DISABLED_REASON = "disabled by the operator";

    private final AccountRepository repository;

    public AccountAdmin(AccountRepository repository) {
        this.repository = repository;
    }

    /** The account with this id or, failing that, this email (case-insensitive). */
    public Account find(String idOrEmail) {
        String wanted = idOrEmail.trim();
        Optional<Account> byId = repository.find(wanted);
        if (byId.isPresent()) {
            return byId.get();
        }
        List<Account> byEmail = repository.list().stream().filter(a -> a.email().equalsIgnoreCase(wanted)).toList();
        if (byEmail.isEmpty()) {
            throw new NoSuchAccountException("no account with id or email '" + wanted + "' (see: nexus accounts list)");
        }
        if (byEmail.size() > 1) {
            throw new NoSuchAccountException("'" + wanted + "' matches " + byEmail.size()
                    + " accounts of different providers; name one by id (see: nexus accounts list)");
        }
        return byEmail.get(0);
    }

    /**
     * Makes the account the only primary one, and active. Only a Google account: the primary is the Google pool's
     * first choice, and promoting another would only take that role away from the Google account holding it.
     *
     * @throws AccountActionRefusedException for an account of another provider
     */
    public Account promote(String idOrEmail) {
        Account account = find(idOrEmail);
        if (!account.provider().equals(Account.GOOGLE)) {
            throw new AccountActionRefusedException("account '" + account.id() + "' is a "
                    + (account.provider().equals(Account.CODEX) ? "ChatGPT" : account.provider())
                    + " account and cannot be primary: the primary is the Google pool's first account; promote a Google"
                    + " account instead (see: nexus accounts list)");
        }
        repository.setPrimary(account.id());
        return reread(account);
    }

    /** Enabling makes the account active; disabling takes it out of service until enabled again. */
    public Account setEnabled(String idOrEmail, boolean enabled) {
        Account account = find(idOrEmail);
        if (enabled) {
            repository.setState(account.id(), AccountState.ACTIVE, Optional.empty());
        } else {
            repository.setState(account.id(), AccountState.DISABLED, Optional.of(DISABLED_REASON));
        }
        return reread(account);
    }

    /** Deletes the account and its tokens; when it was primary, the oldest remaining account becomes primary. */
    public Account remove(String idOrEmail) {
        Account account = find(idOrEmail);
        if (!repository.remove(account.id())) {
            throw new NoSuchAccountException("account '" + account.id() + "' was removed meanwhile");
        }
        return account;
    }

    private Account reread(Account account) {
        return repository.find(account.id())
                .orElseThrow(() -> new NoSuchAccountException("account '" + account.id() + "' was removed meanwhile"));
    }
}
