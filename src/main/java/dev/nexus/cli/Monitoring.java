package dev.nexus.cli;

import dev.nexus.config.Settings;
import dev.nexus.monitor.BodyLogging;
import dev.nexus.monitor.LiveFeed;
import dev.nexus.monitor.RecordWriter;
import dev.nexus.monitor.RequestHistory;
import dev.nexus.monitor.RequestLogRetention;
import dev.nexus.monitor.RequestMonitor;
import dev.nexus.monitor.RequestRecord;
import dev.nexus.store.SqlRequestLogs;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The request monitor's parts for a running server, built from the settings and the database: the body-logging switch
 * (the stored choice, else NEXUS_LOG_BODIES), the writer with its background thread, the live feed, the history reader
 * and the retention job. {@link #stopFeed()} ends live streams before the server stops; {@link #close()} writes what
 * is still queued.
 */
final class Monitoring implements AutoCloseable {
    /** Records that may wait for the database; beyond this they are dropped and counted. */
    private static final int QUEUE = 10_000;
    /** Captured body bytes that may wait for the database; beyond this records are queued without bodies. */
    private static final long BODY_BUDGET = 32L * 1024 * 1024;

    final BodyLogging bodyLogging;
    final RecordWriter writer;
    final LiveFeed feed = new LiveFeed();
    final RequestMonitor monitor;
    final RequestHistory history;
    final RequestLogRetention retention;
    /** The stored records, for records other instances announce to the live feed. */
    final SqlRequestLogs logs;

    /** @param finished shown every finished record on the request's thread (the metrics) */
    Monitoring(Settings.RequestLog settings, NexusState state, Clock clock, Consumer<RequestRecord> finished) {
        this.logs = new SqlRequestLogs(state.database);
        boolean initial = state.settings.get(BodyLogging.SETTING).map(Boolean::parseBoolean).orElse(settings.logBodies());
        this.bodyLogging = new BodyLogging(initial, on -> state.settings.put(BodyLogging.SETTING, String.valueOf(on)));
        this.writer = new RecordWriter(logs, QUEUE, BODY_BUDGET).start();
        this.monitor = new RequestMonitor(writer, feed, bodyLogging, clock, finished);
        this.history = new RequestHistory(logs);
        this.retention = new RequestLogRetention(logs, settings.retention(), settings.maxRows(), clock);
    }

    void stopFeed() {
        feed.close();
    }

    @Override
    public void close() {
        feed.close();
        writer.close();
    }
}
