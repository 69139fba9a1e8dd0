package dev.nexus.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A schema of its own on the test PostgreSQL ({@code NEXUS_TEST_PG_URL}, default: the local cluster's {@code test}
 * database), dropped on close. Without a reachable server the test is skipped, unless {@code NEXUS_TEST_PG=required}
 * (CI), where it fails.
 */
public final class ScratchPostgres implements AutoCloseable {
    public static final String BASE_URL = Optional.ofNullable(System.getenv("NEXUS_TEST_PG_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema;

    private ScratchPostgres(String schema) {
        this.schema = schema;
    }

    public static ScratchPostgres create() throws SQLException {
        String schema = "nexus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return new ScratchPostgres(schema);
    }

    /** The JDBC URL that works in this schema, as {@code NEXUS_DB} takes it. */
    public String url() {
        return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String schema() {
        return schema;
    }

    private static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(BASE_URL);
        } catch (SQLException e) {
            if ("required".equals(System.getenv("NEXUS_TEST_PG"))) {
                throw e;
            }
            assumeTrue(false, "PostgreSQL not reachable at " + BASE_URL + " (set NEXUS_TEST_PG_URL): " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
