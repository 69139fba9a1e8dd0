package dev.nexus.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes finished requests to the repository off the request path: a bounded queue that a request only ever
 * {@code offer}s to (a full queue drops the record and counts it), drained by one background thread in batches that
 * gather for a few milliseconds.
 * Bodies waiting in the queue are bounded too: past the budget a record is queued without them. When the database
 * refuses a record of a batch (a {@link RecordsRefusedException}: a duplicate id, a value it cannot store), the batch
 * is written again one record at a time, so only the refused records are lost; when it cannot be written at all, the
 * batch is dropped. Lost records are counted, so a broken database costs records, never requests. {@link #close()}
 * writes what is queued, then stops.
 */
public final class RecordWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);
    static final int BATCH = 200;
    /**
     * How long the first record of a batch waits for others: under load a batch then carries many records, and every
     * transaction (a SQLite sync each) costs about as much as dozens of rows. The monitor's live feed does not wait.
     */
    private static final Duration LINGER = Duration.ofMillis(50);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final RequestLogRepository repository;
    private final BlockingQueue<Pending> queue;
    private final long bodyBudgetBytes;
    private final AtomicLong queuedBodyBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger writing = new AtomicInteger();
    private volatile boolean closing;
    private volatile long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;
    private Thread thread;

    /**
     * @param capacity how many records may wait
     * @param bodyBudgetBytes how many captured body bytes may wait in all
     */
    public RecordWriter(RequestLogRepository repository, int capacity, long bodyBudgetBytes) {
        this.repository = repository;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.bodyBudgetBytes = bodyBudgetBytes;
    }

    /** Starts the background thread. */
    public synchronized RecordWriter start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("nexus-request-log").daemon().start(this::drain);
        }
        return this;
    }

    /** Queues a record for writing; never blocks. */
    public void offer(RequestRecord record) {
        offer(Pending.of(record));
    }

    void offer(Pending pending) {
        if (closing) {
            dropped.incrementAndGet();
            return;
        }
        Pending item = pending;
        long bytes = pending.bodyBytes();
        if (bytes > 0 && queuedBodyBytes.addAndGet(bytes) > bodyBudgetBytes) {
            queuedBodyBytes.addAndGet(-bytes);
            item = pending.withoutBodies();
            bytes = 0;
        }
        if (!queue.offer(item)) {
            queuedBodyBytes.addAndGet(-bytes);
            dropped.incrementAndGet();
        }
    }

    /** Records lost: the queue was full, the database refused them, or it could not be written. */
    public long dropped() {
        return dropped.get();
    }

    /** Records waiting or being written now. */
    public int queued() {
        return queue.size() + writing.get();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (true) {
            Pending first;
            try {
                first = queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                closing = true;
                first = queue.poll();
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            batch.add(first);
            writing.set(1); // counted as queued while it waits for company
            if (!closing && queue.size() < BATCH - 1) {
                try {
                    Thread.sleep(LINGER);
                } catch (InterruptedException e) {
                    closing = true;
                }
            }
            queue.drainTo(batch, BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        writing.set(batch.size());
        long bytes = 0;
        List<RequestRecord> records = new ArrayList<>(batch.size());
        try {
            for (Pending p : batch) {
                bytes += p.bodyBytes();
                records.add(p.complete());
            }
            repository.insert(records);
        } catch (RecordsRefusedException e) {
            if (records.size() == 1) {
                lost(1, 1, e);
            } else {
                oneByOne(records);
            }
        } catch (RuntimeException e) {
            lost(batch.size(), batch.size(), e);
        } finally {
            queuedBodyBytes.addAndGet(-bytes);
            writing.set(0);
        }
    }

    /**
     * After a refused batch: each record in a write of its own, so one bad record never costs the others. A failure
     * that is not a refusal means the database went away: the records not yet written are lost without more tries.
     */
    private void oneByOne(List<RequestRecord> records) {
        int lost = 0;
        RuntimeException reason = null;
        for (int i = 0; i < records.size(); i++) {
            try {
                repository.insert(List.of(records.get(i)));
            } catch (RecordsRefusedException e) {
                lost++;
                reason = e;
            } catch (RuntimeException e) {
                lost += records.size() - i;
                reason = e;
                break;
            }
        }
        if (reason != null) {
            lost(lost, records.size(), reason);
        }
    }

    /** Counts {@code lost} of {@code written} records as dropped; warns at most once a minute. */
    private void lost(int lost, int written, RuntimeException reason) {
        dropped.addAndGet(lost);
        String what = lost == written ? String.valueOf(lost) : lost + " of " + written;
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.warn("could not write {} request record(s) to the database; they are dropped (counted in the monitor's"
                    + " 'dropped'): {}", what, reason.toString());
        } else {
            LOG.debug("could not write {} request record(s): {}", what, reason.toString());
        }
    }

    /** Writes everything queued (on the background thread, or here if it never started), then stops. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = thread;
        }
        if (running == null) {
            List<Pending> rest = new ArrayList<>();
            queue.drainTo(rest);
            for (int i = 0; i < rest.size(); i += BATCH) {
                write(rest.subList(i, Math.min(rest.size(), i + BATCH)));
            }
            return;
        }
        try {
            if (!running.join(java.time.Duration.ofSeconds(10))) {
                LOG.warn("the request log writer did not finish within 10 s; {} record(s) not written", queued());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
