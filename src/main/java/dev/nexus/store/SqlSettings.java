package dev.nexus.store;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Named operational values in the {@code settings} table (not secrets: see {@link KeyCheck} for the one exception). */
public final class SqlSettings {
    private final Jdbi jdbi;
    private final Clock clock;

    public SqlSettings(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM settings WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    /**
     * Stores the value unless one is already there; returns the value that ends up stored. One statement decides, so
     * two instances starting at once on an empty PostgreSQL database agree on the first value.
     */
    public String putIfAbsent(String name, String value) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("INSERT INTO settings (name, value, updated_at) VALUES (:name, :value, :at)"
                            + " ON CONFLICT (name) DO NOTHING")
                    .bind("name", name).bind("value", value).bind("at", clock.millis()).execute();
            if (inserted == 0) {
                return h.createQuery("SELECT value FROM settings WHERE name = :name")
                        .bind("name", name).mapTo(String.class).one();
            }
            Revisions.bump(h, "settings");
            return value;
        });
    }

    public void put(String name, String value) {
        jdbi.useTransaction(h -> {
            // One upsert: an update-then-insert lets two instances both insert the same name.
            h.createUpdate("INSERT INTO settings (name, value, updated_at) VALUES (:name, :value, :at)"
                            + " ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
                    .bind("name", name).bind("value", value).bind("at", clock.millis()).execute();
            Revisions.bump(h, "settings");
        });
    }
}
