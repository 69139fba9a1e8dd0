package dev.nexus.store;

import dev.nexus.chat.Signature;
import dev.nexus.gateway.SignatureRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Tool-call signatures in {@code tool_signatures}, by call id; read in batches of at most {@value #BATCH} ids. */
public final class SqlToolSignatures implements SignatureRepository {
    private static final int BATCH = 500;
    private final Jdbi jdbi;

    public SqlToolSignatures(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Map<String, Signature> find(Collection<String> callIds, Instant storedSince) {
        Map<String, Signature> found = new HashMap<>();
        List<String> ids = List.copyOf(callIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            jdbi.useHandle(h -> h.createQuery("SELECT call_id, signature, origin FROM tool_signatures"
                            + " WHERE call_id IN (<ids>) AND created_at >= :since")
                    .bindList("ids", batch).bind("since", storedSince.toEpochMilli())
                    .map((rs, ctx) -> Map.entry(rs.getString("call_id"), new Signature(rs.getString("signature"), rs.getString("origin"))))
                    .forEach(e -> found.put(e.getKey(), e.getValue())));
        }
        return found;
    }

    @Override
    public void save(String callId, Signature signature, Instant at) {
        jdbi.useTransaction(h -> h.createUpdate("INSERT INTO tool_signatures (call_id, signature, origin, created_at)"
                        + " VALUES (:id, :signature, :origin, :at) ON CONFLICT (call_id) DO UPDATE SET"
                        + " signature = excluded.signature, origin = excluded.origin, created_at = excluded.created_at")
                .bind("id", callId).bind("signature", signature.value()).bind("origin", signature.origin())
                .bind("at", at.toEpochMilli()).execute());
    }

    /** Deletes signatures stored before {@code cutoff}; returns how many. */
    public int purge(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM tool_signatures WHERE created_at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli()).execute());
    }
}
