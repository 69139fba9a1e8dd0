package dev.nexus.store;

import dev.nexus.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the {@link Notices} other instances send on a PostgreSQL database: one connection of its own, outside the pool
 * (a pooled connection would be handed back and its {@code LISTEN} lost), read by one platform thread with
 * {@code PGConnection.getNotifications(timeout)}. When the connection fails it reconnects with growing pauses and runs
 * {@code connected} again, since notices sent meanwhile are gone and the receiver must re-read what it caches.
 */
public final class ChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    /** How long one wait for notices lasts; also how soon {@link #close()} is noticed. */
    private static final int WAIT_MILLIS = 500;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);
    private static final Duration CHECK_AFTER = Duration.ofSeconds(5);

    private final Settings.Database settings;
    private final Consumer<Change> changes;
    private final Runnable connected;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private ChangeListener(Settings.Database settings, Consumer<Change> changes, Runnable connected) {
        this.settings = settings;
        this.changes = changes;
        this.connected = connected;
        this.thread = Thread.ofPlatform().name("nexus-listen").daemon().unstarted(this::run);
    }

    static ChangeListener start(Settings.Database settings, Consumer<Change> changes, Runnable connected) {
        ChangeListener listener = new ChangeListener(settings, changes, connected);
        listener.thread.start();
        return listener;
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        boolean failing = false;
        while (!closed) {
            try (Connection c = open()) {
                connection = c;
                if (failing) {
                    LOG.info("hearing changes of other instances again");
                }
                failing = false;
                pause = FIRST_PAUSE;
                connected.run();
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    LOG.warn("lost the change feed of database {} ({}); reconnecting, and re-reading shared state when back",
                            settings.describe(), e.getMessage());
                }
                failing = true;
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        settings.user().ifPresent(u -> properties.setProperty("user", u));
        settings.password().ifPresent(p -> properties.setProperty("password", p));
        // The server notices a dead peer; without keepalive a half-open connection would wait for notices forever.
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(settings.jdbcUrl(), properties);
        try (Statement s = c.createStatement()) {
            String channel;
            try (ResultSet rs = s.executeQuery("SELECT " + Notices.CHANNEL_OF_CURRENT_SCHEMA)) {
                rs.next();
                channel = rs.getString(1);
            }
            s.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (!closed) {
            PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
            if (notices == null || notices.length == 0) {
                // Silence does not prove the connection is alive; a trivial query now and then does.
                if (System.nanoTime() - checked > CHECK_AFTER.toNanos()) {
                    if (!c.isValid(2)) {
                        throw new SQLException("the listening connection is no longer valid");
                    }
                    checked = System.nanoTime();
                }
                continue;
            }
            for (PGNotification notice : notices) {
                try {
                    changes.accept(Change.parse(notice.getParameter()));
                } catch (RuntimeException e) {
                    LOG.warn("could not apply a change notice ({}): {}", notice.getParameter().split(" ", 2)[0], e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing is all that is left to do.
            }
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
