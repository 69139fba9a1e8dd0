package dev.nexus.account;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's in-memory view of all accounts, refreshed whenever the repository's revision moves —
 * including changes made by the CLI in another process — so the request path never queries the database.
 */
public final class AccountDirectory {
    private final AccountRepository repository;
    private final AtomicReference<List<Account>> snapshot = new AtomicReference<>(List.of());
    private final AtomicLong seenRevision = new AtomicLong(Long.MIN_VALUE);

    public AccountDirectory(AccountRepository repository) {
        this.repository = repository;
        refreshIfChanged();
    }

    public List<Account> all() {
        return snapshot.get();
    }

    /** An account of the provider by id or, failing that, by email (case-insensitive). */
    public Optional<Account> lookup(String provider, String idOrEmail) {
        List<Account> accounts = snapshot.get().stream().filter(a -> a.provider().equals(provider)).toList();
        return accounts.stream().filter(a -> a.id().equals(idOrEmail)).findFirst()
                .or(() -> accounts.stream().filter(a -> a.email().equalsIgnoreCase(idOrEmail)).findFirst());
    }

    /** Reloads when another writer moved the revision; cheap enough to call twice a second. */
    public void refreshIfChanged() {
        long revision = repository.revision();
        if (revision != seenRevision.get()) {
            snapshot.set(List.copyOf(repository.list()));
            seenRevision.set(revision);
        }
    }
}
