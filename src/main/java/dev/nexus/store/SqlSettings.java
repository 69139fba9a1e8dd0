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

    /** Stores the value unless one is already there; returns the value that ends up stored. */
    public String putIfAbsent(String name, String value) {
        return jdbi.inTransaction(h -> {
            Optional<String> existing = h.createQuery("SELECT value FROM settings WHERE name = :name")
                    .bind("name", name).mapTo(String.class).findOne();
            if (existing.isPresent()) {
                return existing.get();
            }
            h.createUpdate("INSERT INTO settings (name, value, updated_at) VALUES (:name, :value, :at)")
                    .bind("name", name).bind("value", value).bind("at", clock.millis()).execute();
            Revisions.bump(h, "settings");
            return value;
        });
    }

    public void put(String name, String value) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE settings SET value = :value, updated_at = :at WHERE name = :name")
                    .bind("name", name).bind("value", value).bind("at", clock.millis()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO settings (name, value, updated_at) VALUES (:name, :value, :at)")
                        .bind("name", name).bind("value", value).bind("at", clock.millis()).execute();
            }
            Revisions.bump(h, "settings");
        });
    }
}
