package dev.nexus.server.http1;

import dev.nexus.config.Settings;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: Helidon's HTTP/1 connection over a {@link ConnectionView}, watched by the {@link Watchdog}
 * while it runs. Everything Helidon asks of a connection (idle time, close, whether its thread may be interrupted on
 * shutdown) is Helidon's own answer.
 */
final class GuardedConnection implements ServerConnection, InterruptableTask<Void> {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedConnection.class);

    private final ConnectionContext ctx;
    private final Progress progress = new Progress();
    private final ServerConnection helidon;
    private final Settings.ConnectionTimeouts timeouts;
    private final Watchdog watchdog;

    GuardedConnection(ConnectionContext ctx, ServerConnectionSelector http1, Settings.ConnectionTimeouts timeouts, Watchdog watchdog) {
        this.ctx = ctx;
        this.timeouts = timeouts;
        this.watchdog = watchdog;
        ConnectionView view = new ConnectionView(ctx, new RequestReader(new SocketInput(ctx.serverSocket(), ctx.dataReader(), progress), progress),
                new ResponseWriter(ctx.dataWriter(), progress), progress);
        this.helidon = http1.connection(view);
        if (helidon instanceof InterruptableTask<?> task) {
            progress.readingRequestLine(task::canInterrupt); // Helidon's HTTP/1 connection: true while it reads a request line
        }
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        watchdog.watch(this);
        try {
            helidon.handle(limit);
        } finally {
            watchdog.forget(this);
        }
    }

    /** Closes the connection if it waited on its client for longer than allowed. Called from the watchdog's thread. */
    void expireIfOverdue(long now) {
        progress.overdue(now, timeouts).ifPresent(reason -> {
            progress.expire(reason);
            ctx.serverSocket().close(); // the connection's blocked read fails, and Helidon ends the connection
            LOG.debug("closed the connection from {}: {}", ctx.remotePeer().host(), reason);
        });
    }

    @Override
    public boolean canInterrupt() {
        return helidon instanceof InterruptableTask<?> task && task.canInterrupt();
    }

    @Override
    public Duration idleTime() {
        return helidon.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        helidon.close(interrupt);
    }
}
