package dev.nexus.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nexus.config.ConfigException;
import dev.nexus.config.Settings;
import dev.nexus.secret.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool and schema. Opening a database migrates it to the current schema, so a fresh file or
 * an empty PostgreSQL database is ready on first start; one already at the latest migration is opened without Flyway
 * ({@link SchemaHistory}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean sqlite;
    private final Settings.Database settings;
    /** This process's name in change notices and leases, so it can tell its own writes from other instances'. */
    private final String origin = java.util.UUID.randomUUID().toString().substring(0, 13);

    private Database(HikariDataSource dataSource, Settings.Database settings) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.sqlite = settings.isSqlite();
        this.settings = settings;
    }

    /** Opens a database whose Google accounts, if it holds any from before OAuth clients were recorded, used antigravity. */
    public static Database open(Settings.Database settings) {
        return open(settings, "antigravity");
    }

    /**
     * Opens and migrates a database.
     *
     * @param legacyOAuthClient the OAuth client profile recorded for Google accounts stored before Nexus recorded one
     *     (migration V6): the profile new logins use under this environment, which is the client those accounts were
     *     issued by (custom when GOOGLE_CLIENT_ID is set, else antigravity)
     */
    public static Database open(Settings.Database settings, String legacyOAuthClient) {
        if (!legacyOAuthClient.matches("[a-z-]+")) {
            throw new IllegalArgumentException("not an OAuth client profile name: " + legacyOAuthClient);
        }
        HikariDataSource dataSource = settings.isSqlite() ? sqlite(settings.sqliteFile().orElseThrow()) : postgres(settings);
        if (!atLatestMigration(dataSource)) {
            migrate(dataSource, settings, legacyOAuthClient);
        }
        return new Database(dataSource, settings);
    }

    private static boolean atLatestMigration(HikariDataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return SchemaHistory.atLatest(connection);
        } catch (java.sql.SQLException e) {
            return false; // Flyway opens its own connection and reports what is wrong
        }
    }

    private static void migrate(HikariDataSource dataSource, Settings.Database settings, String legacyOAuthClient) {
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .placeholders(Map.of("legacy_oauth_client", legacyOAuthClient)).load().migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new ConfigException("cannot migrate database " + settings.describe() + ": " + e.getMessage()
                    + " (check that NEXUS_DB points at a Nexus database this version can upgrade)", e);
        }
    }

    private static HikariDataSource sqlite(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot create the directory for NEXUS_DB=" + file + ": " + e.getMessage(), e);
        }
        ownerOnly(file);
        SqliteLibrary.useCopyIn(file.toAbsolutePath().resolveSibling(file.getFileName() + ".lib"));
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.enforceForeignKeys(true);
        // Writers take the lock up front, so two processes never deadlock upgrading a read lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName("nexus-sqlite");
        // SQLite has one writer; a single pooled connection avoids SQLITE_BUSY inside one process.
        hikari.setMaximumPoolSize(1);
        hikari.setConnectionTimeout(30_000);
        return connect(hikari, "NEXUS_DB=" + file);
    }

    /**
     * A new database file is created owner-only (0600) before SQLite opens it — an empty file is an empty database —
     * and SQLite gives its -wal and -shm files the database file's mode. The mode of an existing file is the operator's
     * and is left as it is (a backup group may read it on purpose); when others may read it, a warning says how to
     * tighten it.
     */
    private static void ownerOnly(Path file) {
        try {
            if (!OwnerOnlyFiles.createEmpty(file)) {
                OwnerOnlyFiles.openToOthers(file).ifPresent(mode -> LOG.warn("the database file {} has mode {}: users other"
                        + " than its owner may read request records and encrypted tokens (Nexus creates new databases 0600;"
                        + " tighten this one with: chmod 600 {})", file, mode, file));
            }
        } catch (IOException e) {
            throw new ConfigException("cannot create the database file NEXUS_DB=" + file + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource postgres(Settings.Database settings) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(hikari::setUsername);
        settings.password().ifPresent(hikari::setPassword);
        hikari.setPoolName("nexus-postgres");
        hikari.setMaximumPoolSize(8);
        hikari.setConnectionTimeout(10_000);
        return connect(hikari, "NEXUS_DB=" + settings.describe());
    }

    private static HikariDataSource connect(HikariConfig hikari, String what) {
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new ConfigException("cannot open database " + what + ": " + root.getMessage()
                    + " (check the path or URL, and that the database server is running)", e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** This open database's writer name: random per process, for change notices and leases. */
    public String origin() {
        return origin;
    }

    /**
     * Starts hearing other instances' changes as they commit (PostgreSQL {@code LISTEN}, on a connection of its own);
     * empty on SQLite, whose processes poll the revisions instead.
     *
     * @param connected run whenever the listener (re)connects, since notices sent while it was away are lost
     */
    public java.util.Optional<ChangeListener> listen(java.util.function.Consumer<Change> changes, Runnable connected) {
        return sqlite ? java.util.Optional.empty() : java.util.Optional.of(ChangeListener.start(settings, changes, connected));
    }

    /** True when a trivial query answers; used by the readiness probe. */
    public boolean reachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
