package dev.nexus.cli;

import dev.nexus.account.AccountDirectory;
import dev.nexus.account.AccountPool;
import dev.nexus.account.CooldownTable;
import dev.nexus.account.Leases;
import dev.nexus.alert.AccountWatch;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.gateway.ModelRoutes;
import dev.nexus.monitor.LiveFeed;
import dev.nexus.monitor.RequestLogRepository;
import dev.nexus.store.Change;
import dev.nexus.store.ChangeListener;
import dev.nexus.store.Database;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what this server holds in memory — client keys, accounts, model routes, cooldowns, sticky conversations and
 * the live monitor — in step with what other processes write to the database. On PostgreSQL the changes are pushed
 * ({@code LISTEN}, {@link ChangeListener}) and a slow poll only backs the feed up; on SQLite the revisions are polled
 * twice a second, as before.
 */
final class FleetSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetSync.class);
    /** SQLite: how often the server looks for changes other processes made; well inside the 2 s promise. */
    private static final long POLL_MILLIS = 500;
    /** PostgreSQL: the poll behind the pushed changes, for a notice lost while the listener reconnected. */
    private static final long BACKSTOP_MILLIS = 15_000;

    private final ClientKeys keys;
    private final AccountDirectory accounts;
    private final AccountWatch accountWatch;
    private final ModelRoutes routes;
    private final CooldownTable cooldowns;
    private final List<AccountPool> pools;
    private final LiveFeed feed;
    private final RequestLogRepository requestLog;
    private final String origin;
    private Optional<ChangeListener> listener = Optional.empty();

    FleetSync(ClientKeys keys, AccountDirectory accounts, AccountWatch accountWatch, ModelRoutes routes, CooldownTable cooldowns,
            List<AccountPool> pools, LiveFeed feed, RequestLogRepository requestLog, String origin) {
        this.keys = keys;
        this.accounts = accounts;
        this.accountWatch = accountWatch;
        this.routes = routes;
        this.cooldowns = cooldowns;
        this.pools = pools;
        this.feed = feed;
        this.requestLog = requestLog;
        this.origin = origin;
    }

    /** Starts listening (PostgreSQL) and polling on {@code poller}. */
    FleetSync start(Database database, ScheduledExecutorService poller) {
        listener = database.listen(this::apply, this::refreshAll);
        long every = listener.isPresent() ? BACKSTOP_MILLIS : POLL_MILLIS;
        poller.scheduleWithFixedDelay(this::refreshAll, every, every, TimeUnit.MILLISECONDS);
        if (listener.isPresent()) {
            LOG.info("instances on this database share changes through LISTEN/NOTIFY");
        }
        return this;
    }

    /** Re-reads whatever moved; what the SQLite poll does, and what a reconnected listener does first. */
    void refreshAll() {
        try {
            keys.refreshIfChanged();
            accounts.refreshIfChanged();
            accountWatch.run();
            routes.refreshIfChanged();
            cooldowns.refreshIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("could not check the database for changes (will retry): {}", e.getMessage());
        }
    }

    /** One pushed change: only what it names is re-read. */
    void apply(Change change) {
        switch (change.topic()) {
            case "client_keys" -> keys.refreshIfChanged();
            case "accounts" -> {
                accounts.refreshIfChanged();
                accountWatch.run();
            }
            case "model_routes" -> routes.refreshIfChanged();
            case "cooldowns" -> cooldowns.refreshIfChanged();
            case Change.STICKY -> {
                if (change.from(origin)) {
                    String[] poolAndKey = change.detail().split("\t", 2);
                    pools.stream().filter(p -> p.provider().equals(poolAndKey[0]) && poolAndKey.length == 2)
                            .forEach(p -> p.forget(poolAndKey[1]));
                }
            }
            case Change.REQUEST_LOG -> {
                if (change.from(origin) && !change.detail().isEmpty()) {
                    feed.relay(Arrays.asList(change.detail().split(",")), requestLog::find);
                }
            }
            default -> {
                // Settings and topics of newer versions: nothing here caches them.
            }
        }
    }

    /**
     * The job, run only while this instance holds the named lease: on a shared database one instance at a time does it
     * (the request log's retention); the lease lapses after {@code lapseAfter} if this process dies midway.
     */
    static Runnable onOneInstance(Leases leases, String name, Duration lapseAfter, Runnable job) {
        return () -> {
            try {
                if (!leases.tryTake(name, lapseAfter)) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("could not take the {} lease (will retry on the next run): {}", name, e.getMessage());
                return;
            }
            try {
                job.run();
            } finally {
                leases.release(name);
            }
        };
    }

    @Override
    public void close() {
        listener.ifPresent(ChangeListener::close);
    }
}
