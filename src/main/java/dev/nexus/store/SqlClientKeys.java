package dev.nexus.store;

import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.ClientKeyRepository;
import dev.nexus.clientkey.KeyPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/** Client keys in SQL: hash and display prefix only. */
public final class SqlClientKeys implements ClientKeyRepository {
    private static final String COLUMNS = "id, name, prefix, key_hash, created_at, last_used_at, revoked_at,"
            + " allowed_models, rpm, tpm, concurrency, daily_tokens, monthly_tokens, expires_at, enabled";
    private static final String POLICY_SET = "allowed_models = :models, rpm = :rpm, tpm = :tpm, concurrency = :concurrency,"
            + " daily_tokens = :daily, monthly_tokens = :monthly, expires_at = :expires, enabled = :enabled";

    private final Jdbi jdbi;

    public SqlClientKeys(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(ClientKey key, String keyHash) {
        jdbi.useTransaction(h -> {
            bindPolicy(h.createUpdate("INSERT INTO client_keys (id, name, prefix, key_hash, created_at, allowed_models, rpm, tpm,"
                            + " concurrency, daily_tokens, monthly_tokens, expires_at, enabled)"
                            + " VALUES (:id, :name, :prefix, :hash, :created, :models, :rpm, :tpm, :concurrency, :daily, :monthly,"
                            + " :expires, :enabled)"), key.policy())
                    .bind("id", key.id()).bind("name", key.name()).bind("prefix", key.prefix())
                    .bind("hash", keyHash).bind("created", key.createdAt().toEpochMilli()).execute();
            Revisions.bump(h, "client_keys");
        });
    }

    @Override
    public List<ClientKey> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM client_keys ORDER BY created_at, id")
                .map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public Optional<ClientKey> findByHash(String keyHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM client_keys WHERE key_hash = :hash")
                .bind("hash", keyHash).map((rs, ctx) -> read(rs)).findOne());
    }

    @Override
    public List<StoredKey> active() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM client_keys WHERE revoked_at IS NULL ORDER BY created_at, id")
                .map((rs, ctx) -> new StoredKey(read(rs), rs.getString("key_hash"))).list());
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("UPDATE client_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                    .bind("id", id).bind("at", at.toEpochMilli()).execute();
            if (changed > 0) {
                Revisions.bump(h, "client_keys");
            }
            return changed > 0;
        });
    }

    @Override
    public boolean update(String id, String name, KeyPolicy policy) {
        return jdbi.inTransaction(h -> {
            int changed = bindPolicy(h.createUpdate("UPDATE client_keys SET name = :name, " + POLICY_SET
                    + " WHERE id = :id AND revoked_at IS NULL"), policy).bind("id", id).bind("name", name).execute();
            if (changed > 0) {
                Revisions.bump(h, "client_keys");
            }
            return changed > 0;
        });
    }

    @Override
    public void touch(String id, Instant at) {
        // Not a revision bump: last use is informational and must not make every server reload its keys.
        jdbi.useHandle(h -> h.createUpdate("UPDATE client_keys SET last_used_at = :at WHERE id = :id")
                .bind("id", id).bind("at", at.toEpochMilli()).execute());
    }

    @Override
    public long revision() {
        return Revisions.read(jdbi, "client_keys");
    }

    private static Update bindPolicy(Update update, KeyPolicy policy) {
        return update.bind("models", policy.models().isEmpty() ? null : String.join(",", policy.models()))
                .bind("rpm", boxed(policy.requestsPerMinute())).bind("tpm", boxed(policy.tokensPerMinute()))
                .bind("concurrency", boxed(policy.concurrency())).bind("daily", boxed(policy.dailyTokens()))
                .bind("monthly", boxed(policy.monthlyTokens()))
                .bind("expires", policy.expiresAt().map(Instant::toEpochMilli).orElse(null))
                .bind("enabled", policy.enabled() ? 1 : 0);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong limit(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static KeyPolicy policy(ResultSet rs) throws SQLException {
        String models = rs.getString("allowed_models");
        return new KeyPolicy(models == null || models.isEmpty() ? List.of() : List.of(models.split(",")),
                limit(rs, "rpm"), limit(rs, "tpm"), limit(rs, "concurrency"), limit(rs, "daily_tokens"),
                limit(rs, "monthly_tokens"), SqlAccounts.millis(rs, "expires_at"), rs.getInt("enabled") != 0);
    }

    private static ClientKey read(ResultSet rs) throws SQLException {
        return new ClientKey(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("prefix"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                SqlAccounts.millis(rs, "last_used_at"),
                SqlAccounts.millis(rs, "revoked_at"),
                policy(rs));
    }
}
