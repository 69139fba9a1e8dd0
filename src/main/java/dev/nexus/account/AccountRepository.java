package dev.nexus.account;

import dev.nexus.secret.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of accounts; implemented by the store, which encrypts tokens at rest. */
public interface AccountRepository {

    /** All accounts, oldest first. */
    List<Account> list();

    Optional<Account> find(String id);

    Optional<Account> findByEmail(String provider, String email);

    /**
     * Inserts the account, or — when one with the same provider and email exists — replaces its tokens,
     * project and tier and re-activates it (a re-import or re-login is the fix for a broken account).
     * The first account ever stored becomes primary.
     */
    Upserted upsert(NewAccount account);

    /** Deletes the account; when it was primary, the oldest remaining account becomes primary. */
    boolean remove(String id);

    /** Stores a refreshed access token and, when the provider rotated it, the new refresh token. */
    void updateTokens(String id, Secret accessToken, Instant expiresAt, Optional<Secret> rotatedRefreshToken);

    /** Moves the account to a state, with the reason shown to the operator (null reason for ACTIVE). */
    void setState(String id, AccountState state, Optional<String> reason);

    /** Makes this account the only primary one (and active). */
    void setPrimary(String id);

    /** Records that the account served a request (for least-recently-used selection). Not a revision change. */
    void touch(String id, Instant at);

    /** Records the Cloud Code project (and tier, when known) discovered for the account. */
    void setProject(String id, String projectId, Optional<String> tier);

    /** A counter that grows with every change to accounts, from any process sharing the database. */
    long revision();

    record Upserted(Account account, boolean created) {}
}
