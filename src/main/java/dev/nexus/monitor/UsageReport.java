package dev.nexus.monitor;

import java.time.Instant;
import java.util.List;

/** Usage over a period: every bucket (zeros included, oldest first), and the busiest accounts, models and keys. */
public record UsageReport(UsagePeriod period, List<Bucket> buckets, List<Tally> byAccount, List<Tally> byModel, List<Tally> byKey) {

    public record Bucket(Instant start, Tally counts) {}

    static UsageReport of(UsagePeriod period, UsageTotals totals) {
        List<Bucket> buckets = new java.util.ArrayList<>(period.buckets());
        for (int i = 0; i < period.buckets(); i++) {
            Instant start = period.start(i);
            buckets.add(new Bucket(start, totals.bySlot().getOrDefault(i, Tally.zero(start.toString()))));
        }
        return new UsageReport(period, List.copyOf(buckets), totals.byAccount(), totals.byModel(), totals.byKey());
    }
}
