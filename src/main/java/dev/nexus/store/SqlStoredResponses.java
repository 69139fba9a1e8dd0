package dev.nexus.store;

import dev.nexus.conversation.StoredResponse;
import dev.nexus.conversation.StoredResponseRepository;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Stored responses in SQL. */
public final class SqlStoredResponses implements StoredResponseRepository {
    private final Jdbi jdbi;

    public SqlStoredResponses(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void save(StoredResponse r) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM stored_responses WHERE id = :id").bind("id", r.id()).execute();
            h.createUpdate("INSERT INTO stored_responses (id, owner_key_id, previous_id, model, created_at, expires_at,"
                            + " input_items, output_items, response)"
                            + " VALUES (:id, :owner, :previous, :model, :created, :expires, :input, :output, :response)")
                    .bind("id", r.id()).bind("owner", r.ownerKeyId()).bind("previous", r.previousId().orElse(null))
                    .bind("model", r.model())
                    .bind("created", r.createdAt().toEpochMilli()).bind("expires", r.expiresAt().toEpochMilli())
                    .bind("input", r.inputItems()).bind("output", r.outputItems()).bind("response", r.response())
                    .execute();
        });
    }

    @Override
    public Optional<StoredResponse> find(String id, String ownerKeyId, Instant now) {
        // A row without an owner (stored before owners were recorded) equals no key: NULL = :owner is never true.
        return jdbi.withHandle(h -> h.createQuery("SELECT id, owner_key_id, previous_id, model, created_at, expires_at,"
                        + " input_items, output_items, response FROM stored_responses"
                        + " WHERE id = :id AND owner_key_id = :owner AND expires_at > :now")
                .bind("id", id).bind("owner", ownerKeyId).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new StoredResponse(rs.getString("id"), rs.getString("owner_key_id"),
                        Optional.ofNullable(rs.getString("previous_id")), rs.getString("model"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getString("input_items"),
                        rs.getString("output_items"), rs.getString("response")))
                .findOne());
    }

    @Override
    public boolean delete(String id, String ownerKeyId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM stored_responses WHERE id = :id AND owner_key_id = :owner")
                .bind("id", id).bind("owner", ownerKeyId).execute()) > 0;
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM stored_responses WHERE expires_at <= :now")
                .bind("now", now.toEpochMilli()).execute());
    }
}
