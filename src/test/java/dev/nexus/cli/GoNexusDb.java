package dev.nexus.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@code nexus.db} as the Go version leaves it, built from its documented schema (seed-behaviour §6.1: the tables
 * GORM auto-migrates, with their unique indexes). Values are written the way GORM writes them to SQLite: booleans
 * as 0/1, times as text.
 */
final class GoNexusDb implements AutoCloseable {
    static final String SCHEMA = """
            CREATE TABLE accounts (
              id TEXT PRIMARY KEY,
              email TEXT, provider TEXT,
              access_token TEXT, refresh_token TEXT,
              expires_at DATETIME, last_used_at DATETIME,
              is_active NUMERIC DEFAULT true, is_primary NUMERIC DEFAULT false,
              scopes TEXT, metadata TEXT,
              created_at DATETIME, updated_at DATETIME);
            CREATE UNIQUE INDEX idx_email_provider ON accounts(email, provider);
            CREATE TABLE configs (key TEXT PRIMARY KEY, value TEXT, created_at DATETIME, updated_at DATETIME);
            CREATE TABLE model_routes (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              client_model TEXT NOT NULL, target_provider TEXT NOT NULL DEFAULT 'google',
              target_model TEXT NOT NULL, is_active NUMERIC DEFAULT true,
              created_at DATETIME, updated_at DATETIME);
            CREATE UNIQUE INDEX idx_model_provider ON model_routes(client_model, target_provider);
            CREATE TABLE request_logs (
              id TEXT PRIMARY KEY, timestamp INTEGER, method TEXT, url TEXT, status INTEGER, duration INTEGER,
              provider TEXT, model TEXT, mapped_model TEXT, account_email TEXT, error TEXT,
              request_body TEXT, response_body TEXT, input_tokens INTEGER, output_tokens INTEGER);
            """;

    private final Connection connection;

    private GoNexusDb(Connection connection) {
        this.connection = connection;
    }

    /** A new file with the Go schema and no rows. */
    static GoNexusDb create(Path file) throws SQLException {
        return createWith(file, SCHEMA);
    }

    /** A file made earlier, to add rows to. */
    static GoNexusDb open(Path file) throws SQLException {
        return new GoNexusDb(DriverManager.getConnection("jdbc:sqlite:" + file));
    }

    /** A new file with only the given DDL (for databases that are not quite the Go version's). */
    static GoNexusDb createWith(Path file, String ddl) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            for (String statement : ddl.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        return new GoNexusDb(c);
    }

    GoNexusDb account(String id, String email, String provider, String accessToken, String refreshToken, String expiresAt,
            boolean active, boolean primary, String metadata, String createdAt) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO accounts (id, email, provider, access_token,"
                + " refresh_token, expires_at, is_active, is_primary, scopes, metadata, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, email);
            s.setString(3, provider);
            s.setString(4, accessToken);
            s.setString(5, refreshToken);
            s.setString(6, expiresAt);
            s.setInt(7, active ? 1 : 0);
            s.setInt(8, primary ? 1 : 0);
            s.setString(9, "https://www.googleapis.com/auth/cloud-platform");
            s.setString(10, metadata);
            s.setString(11, createdAt);
            s.setString(12, createdAt);
            s.executeUpdate();
        }
        return this;
    }

    GoNexusDb config(String key, String value) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO configs (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, value);
            s.setString(3, "2026-01-01 09:00:00+00:00");
            s.setString(4, "2026-01-01 09:00:00+00:00");
            s.executeUpdate();
        }
        return this;
    }

    GoNexusDb route(String clientModel, String targetProvider, String targetModel, boolean active) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO model_routes (client_model, target_provider,"
                + " target_model, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, clientModel);
            s.setString(2, targetProvider);
            s.setString(3, targetModel);
            s.setInt(4, active ? 1 : 0);
            s.setString(5, "2026-01-01 09:00:00+00:00");
            s.setString(6, "2026-01-01 09:00:00+00:00");
            s.executeUpdate();
        }
        return this;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
