package dev.nexus.cli;

import dev.nexus.config.ConfigException;
import dev.nexus.config.Settings;
import dev.nexus.gateway.RouteFile;
import dev.nexus.gateway.RouteSeed;
import dev.nexus.secret.SecretBox;
import dev.nexus.secret.SecretKeyFile;
import dev.nexus.store.Database;
import dev.nexus.store.KeyCheck;
import dev.nexus.store.SqlAccounts;
import dev.nexus.store.SqlClientKeys;
import dev.nexus.store.SqlCooldowns;
import dev.nexus.store.SqlLeases;
import dev.nexus.store.SqlModelRoutes;
import dev.nexus.store.SqlSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database and encryption key every command works on, opened the same way by the server and the CLI:
 * migrate, resolve the secret key (NEXUS_SECRET_KEY or the key file beside the database), prove it matches, and on
 * the very first open load the model routes file (so a route the CLI sets before the first start is not overwritten).
 */
final class NexusState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NexusState.class);
    /** Setting naming where the routes in the database came from; while set, the routes file is not loaded. */
    static final String ROUTES_SEEDED = "model_routes_seeded_from";
    /** How long loading the routes file may hold its lease; far more than it takes. */
    private static final java.time.Duration SEED_LEASE = java.time.Duration.ofSeconds(30);

    final Database database;
    final SqlAccounts accounts;
    final SqlClientKeys clientKeys;
    final SqlSettings settings;
    final SqlModelRoutes modelRoutes;
    final SqlCooldowns cooldowns;
    /** Loads the routes file into the routes table; also what {@code POST /api/model-routes/reset} does. */
    final RouteSeed routeSeed;

    private NexusState(Database database, SqlAccounts accounts, SqlClientKeys clientKeys, SqlSettings settings,
            SqlModelRoutes modelRoutes, RouteSeed routeSeed) {
        this.database = database;
        this.accounts = accounts;
        this.clientKeys = clientKeys;
        this.settings = settings;
        this.modelRoutes = modelRoutes;
        this.cooldowns = new SqlCooldowns(database);
        this.routeSeed = routeSeed;
    }

    static NexusState open(Settings config, Path workingDirectory, SecureRandom random, Clock clock) {
        Database database = Database.open(config.database(), UpstreamClients.oauthClients(config).defaultProfile().name());
        try {
            SecretBox box;
            String source;
            if (config.secretKey().isPresent()) {
                box = SecretBox.fromOperatorKey(config.secretKey().get(), random);
                source = "NEXUS_SECRET_KEY";
            } else {
                Path keyFile = keyFile(config, workingDirectory);
                boolean existed = keyFile.toFile().exists();
                box = SecretBox.fromOperatorKey(SecretKeyFile.readOrCreate(keyFile, random), random);
                source = "key file " + keyFile;
                if (!existed) {
                    LOG.info("created secret key file {} (mode 0600); copy it together with the database when moving it", keyFile);
                }
            }
            SqlSettings settings = new SqlSettings(database, clock);
            KeyCheck.verify(settings, box, source);
            SqlModelRoutes routes = new SqlModelRoutes(database, clock);
            RouteSeed seed = RouteSeed.of(routes, config.modelRoutesFile(), workingDirectory, Path.of(System.getProperty("user.home")),
                    UpstreamClients.policy(config));
            seedRoutesOnce(settings, seed, new SqlLeases(database, clock));
            return new NexusState(database, new SqlAccounts(database, box, clock), new SqlClientKeys(database), settings, routes, seed);
        } catch (IOException e) {
            database.close();
            throw new ConfigException("cannot read or create the secret key file: " + e.getMessage()
                    + " (set NEXUS_SECRET_KEY, or make the database directory writable)", e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Loads the routes file once per database; afterwards the database (API, CLI, dashboard) is the source. Instances
     * starting together on an empty database take turns (a lease), so the routes are loaded once, not once each.
     */
    private static void seedRoutesOnce(SqlSettings settings, RouteSeed seed, SqlLeases leases) {
        if (settings.get(ROUTES_SEEDED).isPresent()) {
            return;
        }
        try {
            if (!leases.await(ROUTES_SEEDED, SEED_LEASE, java.time.Duration.ofMillis(50), SEED_LEASE)) {
                throw new ConfigException("another Nexus instance has been loading the model routes into this database for "
                        + SEED_LEASE.toSeconds() + " s; start this one again once it is up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while another instance loaded the model routes");
        }
        try {
            if (settings.get(ROUTES_SEEDED).isPresent()) {
                return;
            }
            RouteFile.Loaded loaded = seed.reset();
            settings.put(ROUTES_SEEDED, loaded.source());
            LOG.info("loaded {} model routes from {}", loaded.routes().size(), loaded.source());
        } finally {
            leases.release(ROUTES_SEEDED);
        }
    }

    /** {@code nexus.db.key} beside a SQLite file; {@code nexus.key} in the working directory for PostgreSQL. */
    static Path keyFile(Settings config, Path workingDirectory) {
        return besideDatabase(config, workingDirectory, "key");
    }

    /**
     * A file that belongs with the database: {@code <file>.<suffix>} beside a SQLite file, {@code nexus.<suffix>} in the
     * working directory for PostgreSQL.
     */
    static Path besideDatabase(Settings config, Path workingDirectory, String suffix) {
        return config.database().sqliteFile()
                .map(db -> db.resolveSibling(db.getFileName() + "." + suffix))
                .orElse(workingDirectory.resolve("nexus." + suffix));
    }

    @Override
    public void close() {
        database.close();
    }
}
