/**
 * Storage: the only package with SQL. HikariCP + Flyway migrations ({@code db/migration}), SQLite by default and
 * PostgreSQL by URL, with one schema for both; a new SQLite file is created owner-only (0600). Implements the
 * repository interfaces of {@code account}, {@code clientkey}, {@code conversation} (stored responses),
 * {@code keylimit} (tokens per key and UTC day or month) and {@code monitor} (the request log, telling a refused record from an unreachable database); encrypts tokens with
 * {@code secret.SecretBox}. Every
 * mutation of shared configuration bumps a revision counter in the same transaction so other processes can notice it
 * (request records are a log, not configuration, and bump nothing). Also reads the Go version's {@code nexus.db}
 * read-only ({@link dev.nexus.store.GoDatabase}) and returns its rows untranslated, for {@code accounts import --seed-db}.
 * Thread-safe: all state is in the database.
 */
package dev.nexus.store;
