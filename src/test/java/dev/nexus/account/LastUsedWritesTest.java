package dev.nexus.account;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class LastUsedWritesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final List<String> written = new ArrayList<>();
    private final Queue<Runnable> queued = new ArrayDeque<>();

    private void runQueued() {
        for (Runnable task; (task = queued.poll()) != null; ) {
            task.run();
        }
    }

    @Test
    void withAnImmediateExecutorEveryTimeIsWritten() {
        LastUsedWrites writes = new LastUsedWrites((id, at) -> written.add(id + "@" + at.getEpochSecond()), Runnable::run, Duration.ZERO);

        writes.record("a", T0.plusSeconds(1));
        writes.record("a", T0.plusSeconds(2));

        assertThat(written).containsExactly("a@" + (T0.getEpochSecond() + 1), "a@" + (T0.getEpochSecond() + 2));
    }

    @Test
    void timesRecordedWhileAWriteIsQueuedJoinItAndTheLatestIsWritten() {
        LastUsedWrites writes = new LastUsedWrites((id, at) -> written.add(id + "@" + (at.getEpochSecond() - T0.getEpochSecond())), queued::add, Duration.ZERO);

        writes.record("a", T0.plusSeconds(1));
        writes.record("a", T0.plusSeconds(3));
        writes.record("a", T0.plusSeconds(2)); // an earlier time that arrives late does not win
        writes.record("b", T0.plusSeconds(5));
        assertThat(queued).hasSize(2);
        runQueued();

        assertThat(written).containsExactly("a@3", "b@5");

        writes.record("a", T0.plusSeconds(7));
        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(written).containsExactly("a@3", "b@5", "a@7");
    }

    @Test
    void aTimeRecordedDuringTheWriteIsWrittenByTheSameTask() {
        LastUsedWrites[] writes = new LastUsedWrites[1];
        writes[0] = new LastUsedWrites((id, at) -> {
            written.add(id + "@" + (at.getEpochSecond() - T0.getEpochSecond()));
            if (written.size() == 1) {
                writes[0].record("a", T0.plusSeconds(9));
            }
        }, queued::add, Duration.ZERO);

        writes[0].record("a", T0.plusSeconds(1));
        runQueued();

        assertThat(written).containsExactly("a@1", "a@9");
        assertThat(queued).isEmpty();
    }

    @Test
    void aFailedWriteIsDroppedAndTheNextTimeIsWrittenAgain() {
        boolean[] fail = {true};
        LastUsedWrites writes = new LastUsedWrites((id, at) -> {
            if (fail[0]) {
                throw new IllegalStateException("database is locked");
            }
            written.add(id + "@" + (at.getEpochSecond() - T0.getEpochSecond()));
        }, queued::add, Duration.ZERO);

        writes.record("a", T0.plusSeconds(1));
        assertThatThrownBy(() -> queued.poll().run()).hasMessage("database is locked");
        assertThat(queued).isEmpty();

        fail[0] = false;
        writes.record("a", T0.plusSeconds(2));
        runQueued();
        assertThat(written).containsExactly("a@2");
    }

    @Test
    void aRefusedTaskLeavesNothingPending() {
        boolean[] refuse = {true};
        LastUsedWrites writes = new LastUsedWrites((id, at) -> written.add(id), task -> {
            if (refuse[0]) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            task.run();
        }, Duration.ZERO);

        assertThatThrownBy(() -> writes.record("a", T0)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        refuse[0] = false;
        writes.record("a", T0.plusSeconds(1));
        assertThat(written).containsExactly("a");
    }

    @Test
    void withAGatheringPeriodASteadyTrickleOfRequestsIsOneWriteWithTheLatestTime() throws Exception {
        java.util.List<String> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var background = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            LastUsedWrites writes = new LastUsedWrites((id, at) -> done.add(id + "@" + (at.getEpochSecond() - T0.getEpochSecond())),
                    background, Duration.ofMillis(300));
            writes.record("a", T0.plusSeconds(1));
            writes.record("a", T0.plusSeconds(2));
            writes.record("a", T0.plusSeconds(3));
            dev.nexus.testing.NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> !done.isEmpty());
        }
        assertThat(done).containsExactly("a@3");
    }
}
