package dev.nexus.store;

import dev.nexus.account.StickyRepository;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Conversation-to-account stickiness in {@code sticky_sessions}. A change is announced (topic {@link Change#STICKY},
 * detail {@code pool TAB session key}) in its transaction, so the other instances forget what they cached for it.
 */
public final class SqlStickySessions implements StickyRepository {
    private final Jdbi jdbi;
    private final String origin;

    public SqlStickySessions(Database database) {
        this.jdbi = database.jdbi();
        this.origin = database.origin();
    }

    @Override
    public Optional<Stuck> find(String pool, String sessionKey, Instant usedSince) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, used_at FROM sticky_sessions"
                        + " WHERE pool = :pool AND session_key = :key AND used_at >= :since")
                .bind("pool", pool).bind("key", sessionKey).bind("since", usedSince.toEpochMilli())
                .map((rs, ctx) -> new Stuck(rs.getString("account_id"), Instant.ofEpochMilli(rs.getLong("used_at"))))
                .findOne());
    }

    @Override
    public void save(String pool, String sessionKey, String accountId, Instant at) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO sticky_sessions (pool, session_key, account_id, used_at) VALUES (:pool, :key, :account, :at)"
                            + " ON CONFLICT (pool, session_key) DO UPDATE SET account_id = excluded.account_id,"
                            + " used_at = excluded.used_at")
                    .bind("pool", pool).bind("key", sessionKey).bind("account", accountId).bind("at", at.toEpochMilli())
                    .execute();
            Notices.send(h, Change.STICKY, origin, pool + '\t' + sessionKey);
        });
    }

    /** Deletes conversations last used before {@code cutoff}; returns how many. */
    public int purge(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sticky_sessions WHERE used_at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli()).execute());
    }
}
