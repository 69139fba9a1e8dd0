package dev.nexus.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where request records are kept (SQL lives in {@code store}). Thread-safe. */
public interface RequestLogRepository {
    /**
     * Writes the records, all or none.
     *
     * @throws RecordsRefusedException when the database refused what one of them holds (e.g. an id it already has)
     * @throws RuntimeException of another type when it could not write at all (unreachable, locked, full)
     */
    void insert(List<RequestRecord> records);

    /** One record with its bodies. */
    Optional<RequestRecord> find(String id);

    /** Records matching the query, newest first (started_at, then id, descending), at most its limit, without bodies. */
    List<RequestRecord> search(RecordQuery query);

    /** Counts over {@code [from, to)}: per bucket of {@code width} from {@code from}, and per account, model and key. */
    UsageTotals usage(Instant from, Instant to, Duration width);

    /** Removes records that started before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff);

    /** Removes the oldest records beyond the newest {@code rows}; returns how many. */
    int keepNewest(long rows);
}
