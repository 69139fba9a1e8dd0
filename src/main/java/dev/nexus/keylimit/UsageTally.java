package dev.nexus.keylimit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens keys used since the last {@link #flush}, per key and period, written to the {@link KeyUsageRepository}
 * in one upsert per (key, period) at each flush rather than one transaction per request: with a stored key on every
 * request, the per-request write was a fifth of Nexus's CPU in the key-limits benchmark. The running server flushes
 * every second and on close, so a restart loses nothing; another instance sees the totals a second late at most.
 * Thread-safe.
 */
public final class UsageTally {
    private static final Logger LOG = LoggerFactory.getLogger(UsageTally.class);

    private record Cell(String keyId, String period) {}

    private final KeyUsageRepository usage;
    private final Map<Cell, LongAdder> pending = new ConcurrentHashMap<>();

    public UsageTally(KeyUsageRepository usage) {
        this.usage = usage;
    }

    /** Counts {@code tokens} for the key in each period; written at the next flush. */
    public void add(String keyId, List<String> periods, long tokens) {
        for (String period : periods) {
            pending.computeIfAbsent(new Cell(keyId, period), c -> new LongAdder()).add(tokens);
        }
    }

    /** Writes what was counted since the last flush; a write that fails is counted again for the next one. */
    public void flush() {
        for (Cell cell : pending.keySet()) {
            LongAdder adder = pending.remove(cell);
            long tokens = adder == null ? 0 : adder.sumThenReset();
            if (tokens <= 0) {
                continue;
            }
            try {
                usage.add(cell.keyId(), List.of(cell.period()), tokens);
            } catch (RuntimeException e) {
                LOG.warn("could not store {} tokens used by client key {} (kept for the next try): {}", tokens, cell.keyId(),
                        e.getMessage());
                add(cell.keyId(), List.of(cell.period()), tokens);
            }
        }
    }
}
