package dev.nexus.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading the request log: pages of records newest first, one record with its bodies, and usage reports. */
public final class RequestHistory {
    private final RequestLogRepository repository;

    public RequestHistory(RequestLogRepository repository) {
        this.repository = repository;
    }

    /** One page and where the next starts (empty on the last page). */
    public record Page(List<RequestRecord> records, Optional<Cursor> next) {}

    public Page page(RecordQuery query) {
        List<RequestRecord> found = repository.search(query.withLimit(query.limit() + 1));
        if (found.size() <= query.limit()) {
            return new Page(found, Optional.empty());
        }
        List<RequestRecord> page = found.subList(0, query.limit());
        return new Page(List.copyOf(page), Optional.of(Cursor.after(page.get(page.size() - 1))));
    }

    public Optional<RequestRecord> find(String id) {
        return repository.find(id);
    }

    public UsageReport usage(String range, Instant now) {
        UsagePeriod period = UsagePeriod.of(range, now);
        return UsageReport.of(period, repository.usage(period.from(), period.to(), period.width()));
    }
}
