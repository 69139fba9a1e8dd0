package dev.nexus.store;

import dev.nexus.account.Leases;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Leases in the {@code leases} table, held by this process ({@link Database#origin()}): one upsert that only takes a
 * row that is free, lapsed or already this holder's, so two instances racing for it get one winner on SQLite and on
 * PostgreSQL alike, without a connection held while the job runs.
 */
public final class SqlLeases implements Leases {
    private final Jdbi jdbi;
    private final String holder;
    private final Clock clock;

    public SqlLeases(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.holder = database.origin();
        this.clock = clock;
    }

    @Override
    public boolean tryTake(String name, Duration lapseAfter) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> h.createUpdate("INSERT INTO leases (name, holder, until_at) VALUES (:name, :holder, :until)"
                        + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_at = excluded.until_at"
                        + " WHERE leases.until_at <= :now OR leases.holder = excluded.holder")
                .bind("name", name).bind("holder", holder).bind("until", now + lapseAfter.toMillis()).bind("now", now)
                .execute()) == 1;
    }

    @Override
    public void release(String name) {
        jdbi.useTransaction(h -> h.createUpdate("DELETE FROM leases WHERE name = :name AND holder = :holder")
                .bind("name", name).bind("holder", holder).execute());
    }
}
