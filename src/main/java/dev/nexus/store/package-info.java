/**
 * Storage: the only package with SQL. HikariCP + Flyway migrations ({@code db/migration}), SQLite by default and
 * PostgreSQL by URL, with one schema for both; a new SQLite file is created owner-only (0600). Implements the
 * repository interfaces of {@code account}, {@code clientkey}, {@code conversation} (stored responses),
 * {@code keylimit} (tokens per key and UTC day or month) and {@code monitor} (the request log, telling a refused record from an unreachable database); encrypts tokens with
 * {@code secret.SecretBox}. Every
 * mutation of shared configuration bumps a revision counter in the same transaction so other processes can notice it
 * (request records are a log, not configuration, and bump nothing). On PostgreSQL the same transaction also sends a
 * {@code pg_notify} ({@code Notices}) on the schema's channel, which the {@link dev.nexus.store.ChangeListener} of every
 * other instance hears on a connection of its own (LISTEN), so instances see each other's changes at once; new request
 * records and moved sticky conversations are announced the same way. What several instances must agree on lives here
 * too: cooldowns, sticky conversations ({@code SqlStickySessions}), tool-call signatures ({@code SqlToolSignatures}) and
 * leases that let one instance at a time refresh an account's token or trim the log ({@code SqlLeases}).
 * Also reads the Go version's {@code nexus.db}
 * read-only ({@link dev.nexus.store.GoDatabase}) and returns its rows untranslated, for {@code accounts import --seed-db}.
 * Thread-safe: all state is in the database.
 */
package dev.nexus.store;
