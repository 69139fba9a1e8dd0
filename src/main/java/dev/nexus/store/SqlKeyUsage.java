package dev.nexus.store;

import dev.nexus.keylimit.KeyUsageRepository;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Tokens per client key and UTC day or month ({@code client_key_usage}): a tally, so it bumps no revision. */
public final class SqlKeyUsage implements KeyUsageRepository {
    private final Jdbi jdbi;

    public SqlKeyUsage(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public long tokens(String keyId, String period) {
        return jdbi.withHandle(h -> h.createQuery("SELECT tokens FROM client_key_usage WHERE key_id = :key AND period = :period")
                .bind("key", keyId).bind("period", period).mapTo(Long.class).findOne().orElse(0L));
    }

    @Override
    public void add(String keyId, List<String> periods, long tokens) {
        jdbi.useTransaction(h -> {
            for (String period : periods) {
                // Both SQLite (3.24+) and PostgreSQL take this upsert.
                h.createUpdate("INSERT INTO client_key_usage (key_id, period, tokens) VALUES (:key, :period, :tokens)"
                                + " ON CONFLICT (key_id, period) DO UPDATE SET tokens = client_key_usage.tokens + excluded.tokens")
                        .bind("key", keyId).bind("period", period).bind("tokens", tokens).execute();
            }
        });
    }
}
