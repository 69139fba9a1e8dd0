package dev.nexus.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMonitorIdsTest {
    @Test
    void idsFollowTheStartTimeSoNewRecordsAppendToTheKeyIndex() {
        List<String> ids = new ArrayList<>();
        Instant start = Instant.parse("2026-12-06T17:00:00Z");
        for (int i = 0; i < 1000; i++) {
            ids.add(RequestMonitor.newId(start.plusMillis(i)));
        }
        assertThat(ids).isSorted();
        assertThat(ids.getFirst()).matches("rl_[0-9a-f]{24}").startsWith("rl_01a24c4c5280");
    }

    @Test
    void idsOfTheSameMillisecondStillDiffer() {
        Instant now = Instant.parse("2026-12-06T17:00:00Z");
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestMonitor.newId(now));
        }
        assertThat(ids).hasSize(10_000);
    }
}
