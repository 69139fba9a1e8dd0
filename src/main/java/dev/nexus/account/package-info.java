/**
 * Upstream accounts: the {@link dev.nexus.account.Account} record, its states, the repository contract the
 * store implements, and the in-memory {@link dev.nexus.account.AccountDirectory} the server reads.
 * Depends on {@code secret}; never on {@code store} (the store depends on this package's interfaces).
 * Thread-safe: snapshots are immutable lists swapped atomically.
 */
package dev.nexus.account;
