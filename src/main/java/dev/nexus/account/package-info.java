/**
 * Upstream accounts: the {@link dev.nexus.account.Account} record, its states, the repository contract the
 * store implements, and the in-memory {@link dev.nexus.account.AccountDirectory} the server reads. The operator's
 * actions — {@link dev.nexus.account.AccountAdmin} (find by id or email, promote, enable/disable, remove) and
 * {@link dev.nexus.account.ManualRefresh} ("refresh now", reporting a revoked token as needing re-login) — are
 * shared by the admin API and the CLI. The credential core: {@link dev.nexus.account.CredentialSource} is one provider's credentials as the gateway's
 * failover loop uses them, implemented by {@link dev.nexus.account.AccountPool} (one provider's OAuth accounts) and
 * {@link dev.nexus.account.ApiKeyRing} (the API keys of a key-based upstream, with its sticky pointer and per-model
 * rests; it tells its {@code AllRefused} listener, the alerts, once the upstream has refused every key). {@link dev.nexus.account.TokenRefresher} renews tokens for every provider through that provider's
 * {@link dev.nexus.account.TokenSource}, one instance at a time per account ({@link dev.nexus.account.Leases}). The
 * cooldown table (accounts' rests, and the key rings' by key fingerprint) and the pools' sticky conversations
 * ({@link dev.nexus.account.StickyRepository}) are shared with the other instances on the database.
 * Depends on {@code secret}; never on {@code store} (the store depends on this package's interfaces).
 * Thread-safe: snapshots are immutable lists swapped atomically; the action classes hold no state of their own.
 */
package dev.nexus.account;
