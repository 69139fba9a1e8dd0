package dev.nexus.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexus.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The store contract on a real PostgreSQL: {@code NEXUS_TEST_PG_URL} (default: the local cluster's {@code test}
 * database). Each test gets its own schema. CI sets {@code NEXUS_TEST_PG=required}, so there a missing server
 * fails the build instead of skipping.
 */
class PostgresStoreTest extends StoreContract {
    private static final String URL = Optional.ofNullable(System.getenv("NEXUS_TEST_PG_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private String schema;

    @Override
    Settings.Database freshDatabase() throws SQLException {
        schema = "nexus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Settings.Database(url, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(URL);
        } catch (SQLException e) {
            boolean required = "required".equals(System.getenv("NEXUS_TEST_PG"));
            if (required) {
                throw e;
            }
            assumeTrue(false, "PostgreSQL not reachable at " + URL + " (set NEXUS_TEST_PG_URL): " + e.getMessage());
            throw e;
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
