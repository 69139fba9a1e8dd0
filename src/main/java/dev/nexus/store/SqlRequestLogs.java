package dev.nexus.store;

import dev.nexus.monitor.RecordQuery;
import dev.nexus.monitor.RecordsRefusedException;
import dev.nexus.monitor.RequestLogRepository;
import dev.nexus.monitor.RequestRecord;
import dev.nexus.monitor.Tally;
import dev.nexus.monitor.UsageTotals;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.sqlite.SQLiteException;

/** The request monitor's records in {@code request_logs}; one SQL text for SQLite and PostgreSQL. */
public final class SqlRequestLogs implements RequestLogRepository {
    private static final String SUMMARY_COLUMNS = "id, started_at, request_id, method, path, surface, status, duration_ms,"
            + " ttfb_ms, client_model, provider, target_model, account_id, account_label, key_id, key_name, input_tokens,"
            + " output_tokens, attempts, error";
    private static final String FAILED = "(status >= 400 OR error IS NOT NULL)";
    private static final String COUNTS = "COUNT(*) AS requests, SUM(CASE WHEN " + FAILED + " THEN 1 ELSE 0 END) AS errors,"
            + " COALESCE(SUM(input_tokens), 0) AS input_tokens, COALESCE(SUM(output_tokens), 0) AS output_tokens";
    /** SQLite's primary result codes for a row it will not take: SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH. */
    private static final Set<Integer> SQLITE_REFUSALS = Set.of(18, 19, 20);
    /** The most accounts, models and keys a usage report lists. */
    private static final int GROUPS = 50;

    private final Jdbi jdbi;
    private final String origin;

    public SqlRequestLogs(Database database) {
        this.jdbi = database.jdbi();
        this.origin = database.origin();
    }

    /**
     * One transaction per batch, rows bound by position on plain JDBC: per row this is a fraction of what binding 22
     * named parameters through Jdbi cost, and the writer inserts every proxied request.
     */
    @Override
    public void insert(List<RequestRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(h -> {
                insertAll(h, records);
                announce(h, records);
            });
        } catch (SQLException e) {
            // The batch's own message lists every row's values (bodies too); the first row error says what went wrong.
            SQLException first = e.getNextException() != null ? e.getNextException() : e;
            String message = "cannot insert " + records.size() + " request record(s): " + first.getMessage();
            throw refusedContent(e) ? new RecordsRefusedException(message, e) : new IllegalStateException(message, e);
        }
    }

    /**
     * Whether the database refused what a row holds rather than the write as such: SQLSTATE class 23 (integrity
     * constraint, e.g. a duplicate id) or 22 (data exception, e.g. a value it cannot store) on PostgreSQL, a constraint,
     * size or type result on SQLite (which sets no SQLSTATE). Batch errors carry the cause as the next exception.
     */
    private static boolean refusedContent(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() != null ? t.getCause()
                : t instanceof SQLException s ? s.getNextException() : null) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23"))) {
                return true;
            }
            if (t instanceof SQLiteException lite && SQLITE_REFUSALS.contains(lite.getResultCode().code & 0xff)) {
                return true;
            }
        }
        return false;
    }

    private static void insertAll(Handle h, List<RequestRecord> records) throws SQLException {
        try (PreparedStatement insert = h.getConnection().prepareStatement("INSERT INTO request_logs (" + SUMMARY_COLUMNS
                + ", request_body, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RequestRecord r : records) {
                int i = 0;
                insert.setString(++i, r.id());
                insert.setLong(++i, r.startedAt().toEpochMilli());
                text(insert, ++i, r.requestId());
                text(insert, ++i, r.method());
                text(insert, ++i, r.path());
                text(insert, ++i, r.surface());
                insert.setInt(++i, r.status());
                insert.setLong(++i, r.durationMs());
                number(insert, ++i, r.ttfbMs());
                text(insert, ++i, r.clientModel());
                text(insert, ++i, r.provider());
                text(insert, ++i, r.targetModel());
                text(insert, ++i, r.accountId());
                text(insert, ++i, r.account());
                text(insert, ++i, r.keyId());
                text(insert, ++i, r.keyName());
                number(insert, ++i, r.inputTokens());
                number(insert, ++i, r.outputTokens());
                text(insert, ++i, r.attempts());
                text(insert, ++i, r.error());
                text(insert, ++i, r.requestBody());
                text(insert, ++i, r.responseBody());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Tells the other instances which records are new (topic {@link Change#REQUEST_LOG}, detail the comma-separated
     * ids), so their live monitors show every instance's requests; ids are split over as many notices as they need.
     */
    private void announce(Handle h, List<RequestRecord> records) {
        if (!Notices.postgres(h)) {
            return;
        }
        StringBuilder ids = new StringBuilder();
        for (RequestRecord r : records) {
            if (!ids.isEmpty() && ids.length() + r.id().length() + 1 > Notices.MAX_DETAIL) {
                Notices.send(h, Change.REQUEST_LOG, origin, ids.toString());
                ids.setLength(0);
            }
            ids.append(ids.isEmpty() ? "" : ",").append(r.id());
        }
        Notices.send(h, Change.REQUEST_LOG, origin, ids.toString());
    }

    /** PostgreSQL cannot store U+0000 in text, and a client can put one anywhere; both backends keep U+FFFD instead. */
    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD'));
        }
    }

    private static void number(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    @Override
    public Optional<RequestRecord> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SUMMARY_COLUMNS + ", request_body, response_body"
                        + " FROM request_logs WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> record(rs, true)).findOne());
    }

    @Override
    public List<RequestRecord> search(RecordQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM request_logs WHERE 1 = 1");
        Map<String, Object> binds = new HashMap<>();
        query.text().filter(t -> !t.isBlank()).ifPresent(text -> {
            sql.append(" AND (LOWER(path) LIKE :q ESCAPE '!' OR LOWER(client_model) LIKE :q ESCAPE '!'"
                    + " OR LOWER(target_model) LIKE :q ESCAPE '!' OR LOWER(account_label) LIKE :q ESCAPE '!'"
                    + " OR LOWER(key_name) LIKE :q ESCAPE '!' OR LOWER(error) LIKE :q ESCAPE '!'"
                    + " OR LOWER(request_id) LIKE :q ESCAPE '!')");
            binds.put("q", "%" + likeEscaped(text.trim().toLowerCase(Locale.ROOT)) + "%");
        });
        query.status().ifPresent(status -> sql.append(switch (status) {
            case SUCCESS -> " AND status >= 200 AND status < 300";
            case CLIENT_ERROR -> " AND status >= 400 AND status < 500";
            case SERVER_ERROR -> " AND status >= 500";
            case ERROR -> " AND " + FAILED;
        }));
        query.surface().ifPresent(surface -> {
            sql.append(" AND surface = :surface");
            binds.put("surface", surface);
        });
        query.model().ifPresent(model -> {
            sql.append(" AND (client_model = :model OR target_model = :model)");
            binds.put("model", model);
        });
        query.account().ifPresent(account -> {
            sql.append(" AND (account_label = :account OR account_id = :account)");
            binds.put("account", account);
        });
        query.key().ifPresent(key -> {
            sql.append(" AND (key_name = :key OR key_id = :key)");
            binds.put("key", key);
        });
        query.before().ifPresent(cursor -> {
            sql.append(" AND (started_at < :before_at OR (started_at = :before_at AND id < :before_id))");
            binds.put("before_at", cursor.startedAt().toEpochMilli());
            binds.put("before_id", cursor.id());
        });
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT :limit");
        binds.put("limit", query.limit());
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString());
            binds.forEach(q::bind);
            return q.map((rs, ctx) -> record(rs, false)).list();
        });
    }

    @Override
    public UsageTotals usage(Instant from, Instant to, Duration width) {
        return jdbi.withHandle(h -> {
            Map<Integer, Tally> bySlot = new HashMap<>();
            h.createQuery("SELECT slot, " + COUNTS + " FROM (SELECT (started_at - :from) / :width AS slot, status, error,"
                            + " input_tokens, output_tokens FROM request_logs WHERE started_at >= :from AND started_at < :to) counted"
                            + " GROUP BY slot")
                    .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli()).bind("width", width.toMillis())
                    .map((rs, ctx) -> tally(rs, rs.getString("slot")))
                    .forEach(t -> bySlot.put(Integer.parseInt(t.name()), t));
            return new UsageTotals(bySlot, groups(h, "account_label", from, to), groups(h, "COALESCE(target_model, client_model)", from, to),
                    groups(h, "key_name", from, to));
        });
    }

    /** The busiest values of {@code nameColumn} (a constant of this class, never client input) over [from, to). */
    private static List<Tally> groups(Handle h, String nameColumn, Instant from, Instant to) {
        return h.createQuery("SELECT name, " + COUNTS + " FROM (SELECT " + nameColumn + " AS name, status, error, input_tokens,"
                        + " output_tokens FROM request_logs WHERE started_at >= :from AND started_at < :to) counted"
                        + " WHERE name IS NOT NULL GROUP BY name ORDER BY requests DESC, name LIMIT " + GROUPS)
                .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map((rs, ctx) -> tally(rs, rs.getString("name"))).list();
    }

    private static Tally tally(ResultSet rs, String name) throws SQLException {
        return new Tally(name, rs.getLong("requests"), rs.getLong("errors"), rs.getLong("input_tokens"), rs.getLong("output_tokens"));
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM request_logs WHERE started_at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli()).execute());
    }

    @Override
    public int keepNewest(long rows) {
        return jdbi.inTransaction(h -> {
            Optional<Map<String, Object>> oldestKept = h.createQuery("SELECT started_at, id FROM request_logs"
                            + " ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET :skip")
                    .bind("skip", rows - 1).mapToMap().findOne();
            if (oldestKept.isEmpty()) {
                return 0;
            }
            long at = ((Number) oldestKept.get().get("started_at")).longValue();
            return h.createUpdate("DELETE FROM request_logs WHERE started_at < :at OR (started_at = :at AND id < :id)")
                    .bind("at", at).bind("id", (String) oldestKept.get().get("id")).execute();
        });
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static RequestRecord record(ResultSet rs, boolean bodies) throws SQLException {
        return new RequestRecord(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("started_at")), rs.getString("request_id"),
                rs.getString("method"), rs.getString("path"), rs.getString("surface"), rs.getInt("status"),
                rs.getLong("duration_ms"), nullableLong(rs, "ttfb_ms"), rs.getString("client_model"), rs.getString("provider"),
                rs.getString("target_model"), rs.getString("account_id"), rs.getString("account_label"), rs.getString("key_id"),
                rs.getString("key_name"), nullableLong(rs, "input_tokens"), nullableLong(rs, "output_tokens"),
                rs.getString("attempts"), rs.getString("error"), bodies ? rs.getString("request_body") : null,
                bodies ? rs.getString("response_body") : null);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
