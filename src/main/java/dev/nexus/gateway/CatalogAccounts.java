package dev.nexus.gateway;

import dev.nexus.account.Account;
import dev.nexus.account.AccountPool;
import dev.nexus.account.AccountState;
import dev.nexus.account.AccountUnavailableException;
import dev.nexus.account.CredentialSource;
import dev.nexus.account.Lease;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Google account pool as Cloud Code sees it: an account whose model list is known and lacks the model is left out
 * while another account offers it (Cloud Code would answer 404), and a 404 makes the account's list stale. Accounts of
 * other OAuth clients or tiers may see fewer models than the union.
 */
final class CatalogAccounts implements CredentialSource<Account> {
    private final AccountPool pool;
    private final ModelCatalog catalog;

    CatalogAccounts(AccountPool pool, ModelCatalog catalog) {
        this.pool = pool;
        this.catalog = catalog;
    }

    @Override
    public Candidates<Account> candidates(String model, Optional<String> pinned, Optional<String> session)
            throws AccountUnavailableException {
        Candidates<Account> all = pool.candidates(model, pinned, session);
        if (all.pinned()) {
            return all;
        }
        List<Account> offering = all.ready().stream().filter(a -> catalog.offers(a, model)).toList();
        return offering.isEmpty() ? all : new Candidates<>(offering, all.earliestReset(), false);
    }

    @Override
    public Lease lease(Account account) throws AccountUnavailableException {
        return pool.lease(account);
    }

    @Override
    public Optional<Lease> refreshed(Account account, Lease refused) throws AccountUnavailableException {
        return pool.refreshed(account, refused);
    }

    @Override
    public void served(Account account, Optional<String> session) {
        pool.served(account, session);
    }

    @Override
    public Instant coolDown(Account account, String model, Instant until) {
        return pool.coolDown(account, model, until);
    }

    @Override
    public void markUnusable(Account account, AccountState state, String reason) {
        pool.markUnusable(account, state, reason);
    }

    /** The account's catalog may have changed: it is fetched again on next use. */
    @Override
    public void modelMissing(Account account, String model) {
        catalog.stale(account.id());
    }
}
