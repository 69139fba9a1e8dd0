package dev.nexus.keylimit;

import dev.nexus.chat.UpstreamError;
import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.KeyPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies client-key policies: hands each request a {@link KeyTicket}, which refuses a model the key may not use (403)
 * or a request over a limit (429 with the wait until the window, slot or budget frees), and counts what the request
 * used when it ends. Checks run in this order: model, daily and monthly budgets, tokens per minute, concurrent
 * requests, requests per minute — so a refused request takes no slot and no request count.
 */
public final class KeyGate {
    private static final Logger LOG = LoggerFactory.getLogger(KeyGate.class);
    /** What a client waits for when all its concurrent slots are taken: requests end at no known time. */
    private static final Duration SLOT_WAIT = Duration.ofSeconds(1);

    private final KeyCounters counters;
    private final UsageTally tally;
    private final BudgetWatcher watcher;
    private final Clock clock;

    /** @param tally where each request's tokens go to be stored for the day and month budgets */
    public KeyGate(KeyCounters counters, UsageTally tally, BudgetWatcher watcher, Clock clock) {
        this.counters = counters;
        this.tally = tally;
        this.watcher = watcher;
        this.clock = clock;
    }

    /**
     * Why {@code key} may not be used at all right now (switched off, or past its expiry), naming the fix; empty when it
     * may. The server answers 401 with it.
     */
    public Optional<String> lockout(ClientKey key) {
        KeyPolicy policy = key.policy();
        if (!policy.enabled()) {
            return Optional.of("client key '" + key.name() + "' (" + key.prefix() + "…) is disabled: an operator can"
                    + " enable it with: nexus keys update " + key.id() + " --enable");
        }
        if (policy.expired(clock.instant())) {
            return Optional.of("client key '" + key.name() + "' (" + key.prefix() + "…) expired at " + policy.expiresAt().get()
                    + ": ask for a new key, or an operator can extend it with: nexus keys update " + key.id() + " --expires-in 30d");
        }
        return Optional.empty();
    }

    /** The ticket of one request made with {@code key}. */
    public KeyTicket ticket(ClientKey key) {
        return key.synthetic() ? KeyTicket.UNLIMITED : new Counted(key);
    }

    /** The ticket of a request with a stored key. */
    final class Counted implements KeyTicket {
        private final ClientKey key;
        private final AtomicBoolean admitted = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicReference<long[]> used = new AtomicReference<>(new long[] {0, 0});
        private volatile KeyCounters.Slot slot;

        Counted(ClientKey key) {
            this.key = key;
        }

        @Override
        public Optional<UpstreamError> admit(String clientModel) {
            if (!admitted.compareAndSet(false, true)) {
                return Optional.empty();
            }
            KeyPolicy policy = key.policy();
            if (!policy.allowsModel(clientModel)) {
                return Optional.of(UpstreamError.of(403, UpstreamError.Kind.PERMISSION, "client key '" + key.name()
                        + "' may not use model '" + clientModel + "': it allows only " + String.join(", ", policy.models())
                        + " (ask for one of those, or widen it with: nexus keys update " + key.id() + " --models ...)"));
            }
            Instant now = clock.instant();
            Windows windows = Windows.at(now);
            Optional<UpstreamError> over = budget(policy.dailyTokens(), windows.day(), "daily token budget", "UTC day",
                    windows.dayEnds(), now, "--daily-tokens")
                    .or(() -> budget(policy.monthlyTokens(), windows.month(), "monthly token budget", "UTC month",
                            windows.monthEnds(), now, "--monthly-tokens"))
                    .or(() -> budget(policy.tokensPerMinute(), windows.minute(), "limit of tokens per minute", "minute",
                            windows.minuteEnds(), now, "--tpm"));
            if (over.isPresent()) {
                return over;
            }
            if (policy.concurrency().isPresent()) {
                long limit = policy.concurrency().getAsLong();
                Optional<KeyCounters.Slot> taken = counters.takeSlot(key.id(), limit);
                if (taken.isEmpty()) {
                    return Optional.of(tooMany("already has " + limit + " requests in progress, its limit of concurrent"
                            + " requests; retry when one ends", SLOT_WAIT, "--concurrency"));
                }
                slot = taken.get();
            }
            if (policy.requestsPerMinute().isPresent()) {
                long limit = policy.requestsPerMinute().getAsLong();
                if (!counters.takeRequest(key.id(), windows.minute(), limit)) {
                    giveBackSlot();
                    Duration wait = Duration.between(now, windows.minuteEnds());
                    return Optional.of(tooMany("made its " + limit + " requests of this minute, its limit of requests per"
                            + " minute; retry in " + seconds(wait) + " s", wait, "--rpm"));
                }
            }
            return Optional.empty();
        }

        private Optional<UpstreamError> budget(OptionalLong limit, String window, String what, String period, Instant frees,
                Instant now, String option) {
            if (limit.isEmpty()) {
                return Optional.empty();
            }
            long spent = counters.tokens(key.id(), window);
            if (spent < limit.getAsLong()) {
                return Optional.empty();
            }
            Duration wait = Duration.between(now, frees);
            return Optional.of(tooMany("used " + spent + " tokens this " + period + ", its " + what + " of "
                    + limit.getAsLong() + "; it frees at " + frees + " (in " + seconds(wait) + " s)", wait, option));
        }

        private UpstreamError tooMany(String problem, Duration wait, String option) {
            return new UpstreamError(429, UpstreamError.Kind.RATE_LIMITED, "client key '" + key.name() + "' " + problem
                    + " (an operator can raise it with: nexus keys update " + key.id() + " " + option + " N)",
                    Optional.of(wait));
        }

        @Override
        public void usage(long inputTokens, long outputTokens) {
            used.set(new long[] {inputTokens, outputTokens});
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            giveBackSlot();
            long[] tokens = used.get();
            long total = tokens[0] + tokens[1];
            if (total <= 0) {
                return;
            }
            Windows windows = Windows.at(clock.instant());
            try {
                KeyPolicy policy = key.policy();
                long dayBefore = policy.dailyTokens().isPresent() ? counters.tokens(key.id(), windows.day()) : 0;
                long monthBefore = policy.monthlyTokens().isPresent() ? counters.tokens(key.id(), windows.month()) : 0;
                counters.addTokens(key.id(), List.of(windows.minute(), windows.day(), windows.month()), total);
                watch("daily", policy.dailyTokens(), dayBefore, total);
                watch("monthly", policy.monthlyTokens(), monthBefore, total);
            } catch (RuntimeException e) {
                LOG.warn("could not count {} tokens for client key '{}': {}", total, key.name(), e.getMessage());
            }
            tally.add(key.id(), List.of(windows.day(), windows.month()), total);
        }

        private void watch(String budget, OptionalLong limit, long before, long added) {
            if (limit.isEmpty()) {
                return;
            }
            long threshold = (long) Math.ceil(limit.getAsLong() * BudgetWatcher.THRESHOLD);
            if (before < threshold && before + added >= threshold) {
                watcher.crossed(key, budget, before + added, limit.getAsLong());
            }
        }

        private void giveBackSlot() {
            KeyCounters.Slot taken = slot;
            slot = null;
            if (taken != null) {
                taken.close();
            }
        }
    }

    private static long seconds(Duration wait) {
        return dev.nexus.chat.RetryAfter.seconds(wait);
    }
}
