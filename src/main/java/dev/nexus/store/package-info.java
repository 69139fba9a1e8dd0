/**
 * Storage: the only package with SQL. HikariCP + Flyway migrations ({@code db/migration}), SQLite by default and
 * PostgreSQL by URL, with one schema for both. Implements the repository interfaces of {@code account} and
 * {@code clientkey}; encrypts tokens with {@code secret.SecretBox}. Every mutation bumps a revision counter in
 * the same transaction so other processes can notice it. Also reads the Go version's {@code nexus.db} read-only
 * ({@link dev.nexus.store.GoDatabase}) and returns its rows untranslated, for {@code accounts import --seed-db}.
 * Thread-safe: all state is in the database.
 */
package dev.nexus.store;
