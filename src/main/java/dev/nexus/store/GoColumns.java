package dev.nexus.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The columns one table of the Go database has, and readers for SQLite's loose typing as GORM used it: booleans as
 * 0/1 or text, times as {@code 2006-01-02 15:04:05.999999999-07:00} text or epoch numbers. A column the table lacks
 * reads as its default.
 */
final class GoColumns {
    /** Numbers above this are taken as epoch milliseconds, below as seconds. */
    private static final long MILLIS_THRESHOLD = 1_000_000_000_000L;

    private final Set<String> names;

    private GoColumns(Set<String> names) {
        this.names = names;
    }

    static GoColumns of(Connection c, String table, String... required) throws SQLException, GoDatabase.Unreadable {
        Set<String> names = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
            while (rs.next()) {
                names.add(rs.getString("name").toLowerCase(Locale.ROOT));
            }
        }
        List<String> missing = java.util.Arrays.stream(required).filter(r -> !names.contains(r)).toList();
        if (!missing.isEmpty()) {
            throw new GoDatabase.Unreadable("the Go database's table " + table + " has no column " + String.join(", ", missing)
                    + " (it is not a nexus.db the Go version wrote; point --seed-db at the right file)");
        }
        return new GoColumns(names);
    }

    /** Rows in the order the Go version created them ({@code id} is a uuid for accounts, so creation time first). */
    String orderBy() {
        return names.contains("created_at") ? "created_at, rowid" : "rowid";
    }

    Optional<String> text(ResultSet rs, String column) throws SQLException {
        if (!names.contains(column)) {
            return Optional.empty();
        }
        String value = rs.getString(column);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    boolean flag(ResultSet rs, String column, boolean absent) throws SQLException {
        if (!names.contains(column)) {
            return absent;
        }
        Object value = rs.getObject(column);
        return switch (value) {
            case null -> absent;
            case Number n -> n.longValue() != 0;
            default -> {
                String text = value.toString().trim().toLowerCase(Locale.ROOT);
                yield text.isEmpty() ? absent : text.equals("1") || text.equals("true") || text.equals("t");
            }
        };
    }

    Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        if (!names.contains(column)) {
            return Optional.empty();
        }
        Object value = rs.getObject(column);
        if (value instanceof Number n) {
            long v = n.longValue();
            return Optional.of(v >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v));
        }
        return value == null ? Optional.empty() : parseTime(value.toString().trim());
    }

    /** GORM's text times; anything unparseable counts as unknown (the token is then refreshed before first use). */
    static Optional<Instant> parseTime(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11) : text;
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unknown) {
                return Optional.empty();
            }
        }
    }
}
