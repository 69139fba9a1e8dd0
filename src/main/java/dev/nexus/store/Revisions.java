package dev.nexus.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The per-aggregate change counters of the {@code revisions} table. A bump also tells the instances listening on
 * PostgreSQL, in the same transaction; SQLite's processes poll {@link #read}.
 */
final class Revisions {
    private Revisions() {}

    static void bump(Handle handle, String name) {
        handle.createUpdate("UPDATE revisions SET value = value + 1 WHERE name = :name").bind("name", name).execute();
        Notices.send(handle, name, "-", "");
    }

    static long read(Jdbi jdbi, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM revisions WHERE name = :name")
                .bind("name", name).mapTo(Long.class).one());
    }
}
