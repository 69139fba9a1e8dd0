package dev.nexus.store;

import dev.nexus.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite database of the Go original ({@code nexus.db}: tables {@code accounts}, {@code configs},
 * {@code model_routes} as GORM created them), opened read-only and returned as plain rows, untranslated: mapping
 * them to Nexus accounts, routes and keys is the caller's business. Columns the Go version added over time are read
 * when present and defaulted when not; the tables themselves must all exist.
 */
public final class GoDatabase {
    private static final List<String> TABLES = List.of("accounts", "configs", "model_routes");
    private static final String FIX = "point --seed-db at the nexus.db in the Go version's working directory";

    private GoDatabase() {}

    /** A row of the Go {@code accounts} table. Tokens are held as secrets; the Go version stored them in the clear. */
    public record GoAccount(String id, String email, String provider, Optional<Secret> accessToken,
            Optional<Secret> refreshToken, Optional<Instant> expiresAt, boolean active, boolean primary,
            Optional<String> metadata) {}

    /** A row of the Go {@code model_routes} table. */
    public record GoRoute(String clientModel, String targetProvider, String targetModel, boolean active) {}

    /** Everything Nexus takes over: accounts and routes in the Go version's order, and {@code configs.api_key}. */
    public record Contents(List<GoAccount> accounts, List<GoRoute> routes, Optional<Secret> apiKey) {}

    /** The file cannot be read as a Go {@code nexus.db}; the message names the problem and the fix. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    public static Contents read(Path file) throws Unreadable {
        if (!Files.isRegularFile(file)) {
            throw new Unreadable("no such file: " + file + " (" + FIX + ")");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file)) {
            requireTables(c, file);
            return new Contents(accounts(c), routes(c), apiKey(c));
        } catch (SQLiteException e) {
            if (e.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
                throw new Unreadable(file + " is not a SQLite database (" + FIX + ")");
            }
            throw new Unreadable("cannot read " + file + ": " + e.getMessage() + " (" + FIX + ")");
        } catch (SQLException e) {
            throw new Unreadable("cannot read " + file + ": " + e.getMessage() + " (" + FIX + ")");
        }
    }

    private static void requireTables(Connection c, Path file) throws SQLException, Unreadable {
        Set<String> present = new LinkedHashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                present.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> missing = TABLES.stream().filter(t -> !present.contains(t)).toList();
        if (missing.isEmpty()) {
            return;
        }
        if (present.contains("revisions") || present.contains("flyway_schema_history")) {
            throw new Unreadable(file + " is a database of this (Java) Nexus, not of the Go version (use it as NEXUS_DB,"
                    + " together with its .key file, instead of importing it)");
        }
        throw new Unreadable(file + " is not a Go nexus.db: it has no table " + String.join(", ", missing) + " (" + FIX + ")");
    }

    private static List<GoAccount> accounts(Connection c) throws SQLException, Unreadable {
        GoColumns cols = GoColumns.of(c, "accounts", "id", "email", "refresh_token");
        List<GoAccount> accounts = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM accounts ORDER BY " + cols.orderBy())) {
            while (rs.next()) {
                accounts.add(new GoAccount(
                        cols.text(rs, "id").orElse(""),
                        cols.text(rs, "email").orElse(""),
                        cols.text(rs, "provider").orElse(""),
                        cols.text(rs, "access_token").map(Secret::of),
                        cols.text(rs, "refresh_token").map(Secret::of),
                        cols.instant(rs, "expires_at"),
                        cols.flag(rs, "is_active", true),
                        cols.flag(rs, "is_primary", false),
                        cols.text(rs, "metadata")));
            }
        }
        return accounts;
    }

    private static List<GoRoute> routes(Connection c) throws SQLException, Unreadable {
        GoColumns cols = GoColumns.of(c, "model_routes", "client_model", "target_model");
        List<GoRoute> routes = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM model_routes ORDER BY " + cols.orderBy())) {
            while (rs.next()) {
                routes.add(new GoRoute(cols.text(rs, "client_model").orElse(""), cols.text(rs, "target_provider").orElse(""),
                        cols.text(rs, "target_model").orElse(""), cols.flag(rs, "is_active", true)));
            }
        }
        return routes;
    }

    private static Optional<Secret> apiKey(Connection c) throws SQLException, Unreadable {
        GoColumns.of(c, "configs", "key", "value");
        try (var s = c.prepareStatement("SELECT value FROM configs WHERE key = ?")) {
            s.setString(1, "api_key");
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String value = rs.getString(1);
                return value == null || value.isBlank() ? Optional.empty() : Optional.of(Secret.of(value.trim()));
            }
        }
    }
}
