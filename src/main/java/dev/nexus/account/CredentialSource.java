package dev.nexus.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The credentials of one provider, as the gateway's one failover loop uses them: which to try for a model, a lease
 * on one (a token fresh enough to send), and what the loop learnt from the upstream's answer — served, refused token,
 * rate limited, or unusable until a person acts. OAuth account pools and API-key rings both implement it, so the
 * loop never asks which kind it has.
 *
 * @param <C> the provider's kind of credential
 */
public interface CredentialSource<C extends Credential> {
    /**
     * The model name under which a credential rests for every model: upstreams whose limits are per account, not per
     * model (Codex usage windows), cool the whole credential down.
     */
    String EVERY_MODEL = "*";

    /**
     * What to try for one request, in order.
     *
     * @param earliestReset when the first credential left out because it rests for the model is free again
     * @param pinned whether the client named the credential: its failure is the answer, nothing else is tried
     */
    record Candidates<C>(List<C> ready, Optional<Instant> earliestReset, boolean pinned) {
        public Candidates {
            ready = List.copyOf(ready);
        }
    }

    /**
     * @param pinned the credential the client named ({@code X-Nexus-Account}), if any; sources without named
     *     credentials ignore it
     * @param session the conversation's key, for sources that keep a conversation on one credential
     * @throws AccountUnavailableException when nothing can serve at all, saying what the operator can do
     */
    Candidates<C> candidates(String model, Optional<String> pinned, Optional<String> session) throws AccountUnavailableException;

    /** The credential ready to send: its token fresh (refreshed first if it is about to expire). */
    Lease lease(C credential) throws AccountUnavailableException;

    /**
     * The upstream refused the lease's token although it looked fresh: a new lease to retry once with, or empty when
     * this kind of credential cannot be renewed (a refused key), so the loop moves on.
     */
    Optional<Lease> refreshed(C credential, Lease refused) throws AccountUnavailableException;

    /** The credential answered the request in full. */
    void served(C credential, Optional<String> session);

    /**
     * The credential is rate limited for the model ({@link #EVERY_MODEL}: for all of them) until {@code until}; returns
     * when it is really free again.
     */
    Instant coolDown(C credential, String model, Instant until);

    /** The credential cannot be used until a person acts (verification, suspension, re-login). */
    void markUnusable(C credential, AccountState state, String reason);

    /** The upstream said the model is not there for this credential: what the source knows of its models is stale. */
    default void modelMissing(C credential, String model) {}

    /**
     * The upstream refused the credential itself, even after a renewal where there is one (a refused API key). The
     * loop moves on either way; a source may remember it (a key ring tells the operator once every key is refused).
     */
    default void authRefused(C credential, String reason) {}
}
