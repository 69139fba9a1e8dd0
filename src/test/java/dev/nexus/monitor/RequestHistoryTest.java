package dev.nexus.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** Newest-first paging over a list, as the SQL store does it. */
    private static final class Listed implements RequestLogRepository {
        final List<RequestRecord> records = new ArrayList<>();

        @Override
        public void insert(List<RequestRecord> batch) {
            records.addAll(batch);
        }

        @Override
        public Optional<RequestRecord> find(String id) {
            return records.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        @Override
        public List<RequestRecord> search(RecordQuery query) {
            Comparator<RequestRecord> newestFirst = Comparator.comparing(RequestRecord::startedAt).thenComparing(RequestRecord::id).reversed();
            return records.stream().sorted(newestFirst)
                    .filter(r -> query.before().map(c -> r.startedAt().isBefore(c.startedAt())
                            || r.startedAt().equals(c.startedAt()) && r.id().compareTo(c.id()) < 0).orElse(true))
                    .limit(query.limit()).toList();
        }

        @Override
        public UsageTotals usage(Instant from, Instant to, Duration width) {
            throw new UnsupportedOperationException();
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
    void pagesFollowTheirCursorToTheEndWithoutRepeatsOrGaps() {
        Listed db = new Listed();
        for (int i = 0; i < 7; i++) {
            // Two records per millisecond: the id breaks the tie.
            db.insert(List.of(Records.record("rl_" + i, T0.plusMillis(i / 2))));
        }
        RequestHistory history = new RequestHistory(db);
        List<String> seen = new ArrayList<>();
        RecordQuery query = RecordQuery.newest(3);
        int pages = 0;
        while (true) {
            RequestHistory.Page page = history.page(query);
            pages++;
            page.records().forEach(r -> seen.add(r.id()));
            if (page.next().isEmpty()) {
                break;
            }
            query = query.before(Cursor.parse(page.next().get().encode()));
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("rl_6", "rl_5", "rl_4", "rl_3", "rl_2", "rl_1", "rl_0");
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        Listed db = new Listed();
        db.insert(List.of(Records.record("rl_a", T0), Records.record("rl_b", T0.plusSeconds(1))));
        assertThat(new RequestHistory(db).page(RecordQuery.newest(2)).next()).isEmpty();
    }

    @Test
    void aCursorThisServerDidNotWriteIsRefusedNamingIt() {
        assertThat(Cursor.parse("1764151200000.rl_ab")).isEqualTo(new Cursor(Instant.ofEpochMilli(1764151200000L), "rl_ab"));
        assertThatThrownBy(() -> Cursor.parse("page-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid cursor 'page-2': pass the next_cursor of the previous page as it came");
    }
}
