package dev.nexus.alert;

import dev.nexus.account.ApiKeyRing;
import dev.nexus.monitor.Redaction;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts are raised: one WARN line each, the most recent kept for the dashboard, each handed to the webhook
 * (when one is configured). Callers decide what an event is and raise it once; this class does not deduplicate.
 */
public final class Alerts implements ApiKeyRing.AllRefused {
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    /** How many alerts the dashboard can list; older ones are only in the log. */
    static final int KEPT = 50;

    private final Consumer<Alert> delivery;
    private final Clock clock;
    private final Deque<Alert> recent = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param delivery hands each alert on without blocking ({@link AlertWebhook#offer}); does nothing when no webhook
     *     URL is set
     */
    public Alerts(Consumer<Alert> delivery, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
    }

    /** Logs, keeps and posts one event; never blocks and never throws. */
    public Alert raise(AlertEvent event, String subject, String reason) {
        String said = reason == null || reason.isBlank() ? "(no reason given)" : Redaction.text(reason);
        Alert alert = new Alert("al_" + sequence.incrementAndGet() + "_" + clock.millis(), event.wireName(), subject, said,
                clock.instant());
        LOG.warn("alert {}: {}: {}", alert.event(), alert.subject(), alert.reason());
        synchronized (recent) {
            recent.addFirst(alert);
            while (recent.size() > KEPT) {
                recent.removeLast();
            }
        }
        delivery.accept(alert);
        return alert;
    }

    /** The most recent alerts, newest first. */
    public List<Alert> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** The upstream refused every key of a ring: the key proxy and routes to it fail until the operator acts. */
    @Override
    public void allRefused(String provider, int keys, String reason) {
        raise(AlertEvent.KEY_RING_ALL_REFUSED, provider + " key ring (" + keys + (keys == 1 ? " key" : " keys")
                + ", every one refused)", reason);
    }

    /**
     * A budget crossed 90 % of its limit. The hook for per-key budgets: the caller says it once per crossing.
     *
     * @param keyName the client key's name (never the key)
     * @param budget which budget, e.g. {@code daily tokens}
     */
    public void budgetCrossed(String keyName, String budget, long used, long limit) {
        raise(AlertEvent.BUDGET_90_PERCENT, "client key '" + keyName + "' " + budget + " budget",
                used + " of " + limit + " used (" + (limit <= 0 ? 100 : used * 100 / limit) + " %)");
    }
}
