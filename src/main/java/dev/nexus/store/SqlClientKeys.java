package dev.nexus.store;

import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.ClientKeyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Client keys in SQL: hash and display prefix only. */
public final class SqlClientKeys implements ClientKeyRepository {
    private static final String COLUMNS = "id, name, prefix, key_hash, created_at, last_used_at, revoked_at";

    private final Jdbi jdbi;

    public SqlClientKeys(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(ClientKey key, String keyHash) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO client_keys (id, name, prefix, key_hash, created_at)"
                            + " VALUES (:id, :name, :prefix, :hash, :created)")
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
    public void touch(String id, Instant at) {
        // Not a revision bump: last use is informational and must not make every server reload its keys.
        jdbi.useHandle(h -> h.createUpdate("UPDATE client_keys SET last_used_at = :at WHERE id = :id")
                .bind("id", id).bind("at", at.toEpochMilli()).execute());
    }

    @Override
    public long revision() {
        return Revisions.read(jdbi, "client_keys");
    }

    private static ClientKey read(ResultSet rs) throws SQLException {
        return new ClientKey(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("prefix"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                SqlAccounts.millis(rs, "last_used_at"),
                SqlAccounts.millis(rs, "revoked_at"));
    }
}
