package dev.nexus.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageReportTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:42:17Z");

    @Test
    void aDayIs24HourlyBucketsEndingWithTheCurrentHour() {
        UsagePeriod day = UsagePeriod.of("24h", NOW);
        assertThat(day.bucket()).isEqualTo("hour");
        assertThat(day.from()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
        assertThat(day.buckets()).isEqualTo(24);
    }

    @Test
    void aMonthIs30DailyBucketsEndingWithTodayInUtc() {
        UsagePeriod month = UsagePeriod.of("30d", NOW);
        assertThat(month.bucket()).isEqualTo("day");
        assertThat(month.from()).isEqualTo(Instant.parse("2026-10-28T00:00:00Z"));
        assertThat(month.to()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(month.width()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void anUnknownRangeIsRefusedNamingTheOnesThereAre() {
        assertThatThrownBy(() -> UsagePeriod.of("7d", NOW)).hasMessage("unknown range '7d': use range=24h (per hour) or range=30d (per day)");
    }

    @Test
    void everyBucketIsReportedWithZerosWhereNothingHappened() {
        UsagePeriod day = UsagePeriod.of("24h", NOW);
        UsageTotals totals = new UsageTotals(Map.of(0, new Tally("0", 2, 1, 30, 10), 23, new Tally("23", 5, 0, 50, 20)),
                List.of(new Tally("a***e@e***.com", 7, 1, 80, 30)), List.of(), List.of());
        UsageReport report = UsageReport.of(day, totals);
        assertThat(report.buckets()).hasSize(24);
        assertThat(report.buckets().get(0).start()).isEqualTo(day.from());
        assertThat(report.buckets().get(0).counts().requests()).isEqualTo(2);
        assertThat(report.buckets().get(1).counts().requests()).isZero();
        assertThat(report.buckets().get(23).start()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(report.buckets().get(23).counts().outputTokens()).isEqualTo(20);
        assertThat(report.byAccount()).extracting(Tally::name).containsExactly("a***e@e***.com");
    }
}
