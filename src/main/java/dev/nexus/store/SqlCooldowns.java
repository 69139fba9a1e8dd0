package dev.nexus.store;

import dev.nexus.account.CooldownRepository;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Cooldowns in SQL; a stored rest bumps the {@code cooldowns} revision, so other instances reload them at once. */
public final class SqlCooldowns implements CooldownRepository {
    private final Jdbi jdbi;

    public SqlCooldowns(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void save(String accountId, String model, Instant until) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE cooldowns SET until_at = :until WHERE account_id = :account AND model = :model"
                            + " AND until_at < :until")
                    .bind("account", accountId).bind("model", model).bind("until", until.toEpochMilli()).execute();
            if (updated == 0) {
                boolean exists = h.createQuery("SELECT COUNT(*) FROM cooldowns WHERE account_id = :account AND model = :model")
                        .bind("account", accountId).bind("model", model).mapTo(Long.class).one() > 0;
                if (exists) {
                    return;
                }
                h.createUpdate("INSERT INTO cooldowns (account_id, model, until_at) VALUES (:account, :model, :until)")
                        .bind("account", accountId).bind("model", model).bind("until", until.toEpochMilli()).execute();
            }
            Revisions.bump(h, "cooldowns");
        });
    }

    @Override
    public List<Cooldown> active(Instant now) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM cooldowns WHERE until_at <= :now").bind("now", now.toEpochMilli()).execute();
            return h.createQuery("SELECT account_id, model, until_at FROM cooldowns ORDER BY account_id, model")
                    .map((rs, ctx) -> new Cooldown(rs.getString("account_id"), rs.getString("model"),
                            Instant.ofEpochMilli(rs.getLong("until_at"))))
                    .list();
        });
    }

    @Override
    public long revision() {
        return Revisions.read(jdbi, "cooldowns");
    }
}
