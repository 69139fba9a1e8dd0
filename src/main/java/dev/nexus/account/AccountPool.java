package dev.nexus.account;

import dev.nexus.secret.Masks;
import dev.nexus.secret.Secret;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Hands out accounts for upstream calls: the one a request pins with {@code X-Nexus-Account} (email or id), else
 * the primary active Google account, else the oldest active one. Ensures the token is fresh and the Cloud Code
 * project known before handing an account out.
 */
public final class AccountPool {
    private final AccountDirectory directory;
    private final AccountRepository repository;
    private final TokenRefresher tokens;
    private final ProjectResolver projects;

    public AccountPool(AccountDirectory directory, AccountRepository repository, TokenRefresher tokens, ProjectResolver projects) {
        this.directory = directory;
        this.repository = repository;
        this.tokens = tokens;
        this.projects = projects;
    }

    public Lease acquire(Optional<String> pinned) throws AccountUnavailableException {
        Account account = pinned.isPresent() ? pinnedAccount(pinned.get()) : defaultAccount();
        return lease(account, tokens.accessToken(account, false));
    }

    /** The same account with a forcibly refreshed token, after the upstream refused the previous one. */
    public Lease refreshed(Lease lease) throws AccountUnavailableException {
        return lease(lease.account(), tokens.accessToken(lease.account(), true));
    }

    /** Takes an account out of service until a person acts (verification, suspension). */
    public void markUnusable(Account account, AccountState state, String reason) {
        repository.setState(account.id(), state, Optional.of(reason));
        directory.refreshIfChanged();
    }

    private Lease lease(Account account, Secret token) throws AccountUnavailableException {
        if (account.projectId().isPresent()) {
            return new Lease(account, token, account.projectId().get());
        }
        ProjectInfo project = projects.resolve(token);
        repository.setProject(account.id(), project.projectId(), project.tier());
        return new Lease(account, token, project.projectId());
    }

    private Account pinnedAccount(String idOrEmail) throws AccountUnavailableException {
        Account account = directory.lookup(idOrEmail.trim()).orElseThrow(() -> new AccountUnavailableException(401,
                "X-Nexus-Account names no account: '" + idOrEmail + "' (see: nexus accounts list)"));
        if (!account.active()) {
            throw new AccountUnavailableException(503, "account " + Masks.email(account.email()) + " named by X-Nexus-Account is "
                    + account.state().wireName() + account.stateReason().map(r -> " (" + r + ")").orElse("")
                    + "; fix it or drop the header");
        }
        return account;
    }

    private Account defaultAccount() throws AccountUnavailableException {
        List<Account> active = directory.all().stream()
                .filter(a -> a.provider().equals(Account.GOOGLE) && a.active())
                .sorted(Comparator.comparing(Account::primary).reversed().thenComparing(Account::createdAt))
                .toList();
        if (active.isEmpty()) {
            String why = directory.all().isEmpty() ? "no Google account is linked"
                    : "no linked Google account is active (see: nexus accounts list)";
            throw new AccountUnavailableException(503, why + " (add one with: nexus accounts login)");
        }
        return active.get(0);
    }
}
