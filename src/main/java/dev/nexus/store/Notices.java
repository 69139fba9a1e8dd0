package dev.nexus.store;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * Tells the other instances on a PostgreSQL database that something changed: {@code pg_notify} inside the writing
 * transaction, so the notice goes out exactly when the change is visible, and never for a rolled-back one. The channel
 * is named after the schema ({@link #channel}), so deployments sharing a database in separate schemas do not hear each
 * other. On SQLite nothing is sent: its processes poll the revisions instead.
 */
final class Notices {
    /** PostgreSQL refuses payloads of 8000 bytes or more; this leaves room for the topic and origin. */
    static final int MAX_DETAIL = 7000;

    private Notices() {}

    /** The channel of the schema a connection works in; the same expression on the writer's and the listener's side. */
    static final String CHANNEL_OF_CURRENT_SCHEMA = "'nexus:' || current_schema()";

    /**
     * Sends {@code topic origin detail} (a {@link Change}) when the handle is on PostgreSQL.
     *
     * @param origin the sending {@link Database#origin()}, or {@code -} when receivers need not tell
     */
    static void send(Handle handle, String topic, String origin, String detail) {
        if (!postgres(handle)) {
            return;
        }
        handle.createQuery("SELECT pg_notify(" + CHANNEL_OF_CURRENT_SCHEMA + ", :payload)")
                .bind("payload", Change.payload(topic, origin, detail)).map((rs, ctx) -> 1).one();
    }

    static boolean postgres(Handle handle) {
        try {
            return handle.getConnection().isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }
}
