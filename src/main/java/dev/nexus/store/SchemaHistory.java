package dev.nexus.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a database's Flyway history already ends at this build's latest migration. Then opening it has nothing to
 * migrate, and Nexus skips Flyway, whose set-up (scanning the migrations, reading and checksumming them, validating the
 * history) was the largest single step on the path to a ready server. Anything else — a new database, one behind, one
 * ahead of this build, a failed migration, a history this check does not understand — goes to Flyway as before.
 */
final class SchemaHistory {
    /** The version of the highest {@code db/migration/V<n>__*.sql}; a test keeps the two in step. */
    static final int LATEST = 9;

    private SchemaHistory() {}

    static boolean atLatest(Connection connection) {
        int highest = -1;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (!rows.getBoolean(2)) {
                    return false; // a failed migration: Flyway says what to do about it
                }
                if (version == null) {
                    continue; // repeatable migrations and markers carry no version
                }
                highest = Math.max(highest, Integer.parseInt(version.trim()));
            }
        } catch (SQLException | NumberFormatException e) {
            return false; // no history yet (a new database), or versions this build does not write
        }
        return highest == LATEST;
    }
}
