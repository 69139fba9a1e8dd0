package dev.nexus.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.testing.NexusHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /**
     * Keeps inserted records; as strict as the real table: the id is a primary key and a batch is written whole or not
     * at all. An insert may be made to wait on a latch, or to fail as an unreachable database does (after
     * {@code writesBeforeFailing} more writes).
     */
    private static final class Written implements RequestLogRepository {
        final List<RequestRecord> records = new CopyOnWriteArrayList<>();
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        final CountDownLatch entered = new CountDownLatch(1);
        volatile boolean failing;
        volatile int writesBeforeFailing = Integer.MAX_VALUE;

        @Override
        public synchronized void insert(List<RequestRecord> batch) {
            calls.incrementAndGet();
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing || writesBeforeFailing-- <= 0) {
                throw new IllegalStateException("database is down");
            }
            Set<String> ids = new HashSet<>();
            records.forEach(r -> ids.add(r.id()));
            for (RequestRecord r : batch) {
                if (!ids.add(r.id())) {
                    throw new RecordsRefusedException("duplicate key value violates unique constraint: " + r.id(), null);
                }
            }
            batches.add(batch.size());
            records.addAll(batch);
        }

        @Override
        public Optional<RequestRecord> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<RequestRecord> search(RecordQuery query) {
            return List.of();
        }

        @Override
        public UsageTotals usage(Instant from, Instant to, Duration width) {
            return new UsageTotals(java.util.Map.of(), List.of(), List.of(), List.of());
        }

        @Override
        public int deleteBefore(Instant cutoff) {
            return 0;
        }

        @Override
        public int keepNewest(long rows) {
            return 0;
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() {
        Written db = new Written();
        RecordWriter writer = new RecordWriter(db, 3, 1 << 20);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            writer.offer(Records.record("rl_" + i, T0));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(writer.dropped()).isEqualTo(7);
        assertThat(writer.queued()).isEqualTo(3);
        writer.close();
        assertThat(db.records).extracting(RequestRecord::id).containsExactly("rl_0", "rl_1", "rl_2");
    }

    @Test
    void aSlowDatabaseNeverHoldsUpTheOfferingThread() throws InterruptedException {
        Written db = new Written();
        db.gate = new CountDownLatch(1);
        RecordWriter writer = new RecordWriter(db, 5, 1 << 20).start();
        writer.offer(Records.record("rl_first", T0));
        assertThat(db.entered.await(5, TimeUnit.SECONDS)).as("the writer is inside insert").isTrue();
        assertThat(writer.queued()).isEqualTo(1);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            writer.offer(Records.record("rl_" + i, T0));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(writer.dropped()).isEqualTo(95);
        db.gate.countDown();
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> db.records.size() == 6);
        writer.close();
        assertThat(db.batches).containsExactly(1, 5);
    }

    @Test
    void aBatchTheDatabaseCannotTakeIsDroppedAndCountedWithoutTryingItsRecordsOneByOne() {
        Written db = new Written();
        db.failing = true;
        RecordWriter writer = new RecordWriter(db, 10, 1 << 20);
        writer.offer(Records.record("rl_a", T0));
        writer.offer(Records.record("rl_b", T0));
        writer.close();
        assertThat(writer.dropped()).isEqualTo(2);
        assertThat(db.calls).hasValue(1);
    }

    @Test
    void aWriterThatLostABatchWritesTheNextOnceTheDatabaseIsBack() {
        Written db = new Written();
        db.failing = true;
        RecordWriter writer = new RecordWriter(db, 10, 1 << 20).start();
        writer.offer(Records.record("rl_a", T0));
        writer.offer(Records.record("rl_b", T0));
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> writer.dropped() == 2);
        db.failing = false;
        writer.offer(Records.record("rl_c", T0));
        writer.close();
        assertThat(db.records).extracting(RequestRecord::id).containsExactly("rl_c");
    }

    @Test
    void aRecordTheDatabaseRefusesIsTheOnlyOneOfItsBatchLost() {
        Written db = new Written();
        db.insert(List.of(Records.record("rl_taken", T0)));
        RecordWriter writer = new RecordWriter(db, 10, 1 << 20);
        for (String id : List.of("rl_a", "rl_taken", "rl_b", "rl_c")) {
            writer.offer(Records.record(id, T0));
        }
        writer.close();
        assertThat(db.records).extracting(RequestRecord::id).containsExactly("rl_taken", "rl_a", "rl_b", "rl_c");
        assertThat(writer.dropped()).isEqualTo(1);
    }

    @Test
    void whenTheDatabaseGoesAwayDuringTheOneByOneWritesTheRestIsDroppedWithoutMoreTries() {
        Written db = new Written();
        db.insert(List.of(Records.record("rl_taken", T0)));
        RecordWriter writer = new RecordWriter(db, 10, 1 << 20);
        for (String id : List.of("rl_taken", "rl_a", "rl_b", "rl_c")) {
            writer.offer(Records.record(id, T0));
        }
        db.writesBeforeFailing = 3; // the batch, rl_taken alone (refused), rl_a; then the database is gone
        int before = db.calls.get();
        writer.close();
        assertThat(db.records).extracting(RequestRecord::id).containsExactly("rl_taken", "rl_a");
        assertThat(writer.dropped()).isEqualTo(3);
        assertThat(db.calls.get() - before).as("the batch, then rl_taken, rl_a and rl_b alone").isEqualTo(4);
    }

    @Test
    void bodiesBeyondTheBudgetAreLeftOutButTheRecordIsKept() {
        Written db = new Written();
        RecordWriter writer = new RecordWriter(db, 10, 100);
        for (String id : List.of("rl_1", "rl_2")) {
            Observation o = new Observation(id, T0, 0, "req", "POST", "/v1/chat/completions", true);
            o.requestBody("x".repeat(80).getBytes(StandardCharsets.UTF_8));
            writer.offer(o.finish(200, 1_000_000L));
        }
        writer.close();
        assertThat(db.records).extracting(RequestRecord::requestBody).containsExactly("x".repeat(80), null);
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void closingWritesWhatIsQueued() {
        Written db = new Written();
        db.gate = new CountDownLatch(1);
        RecordWriter writer = new RecordWriter(db, 500, 1 << 20).start();
        for (int i = 0; i < 300; i++) {
            writer.offer(Records.record("rl_" + i, T0));
        }
        db.gate.countDown();
        writer.close();
        assertThat(db.records).hasSize(300);
        assertThat(writer.queued()).isZero();
    }
}
