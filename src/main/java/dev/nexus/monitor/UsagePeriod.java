package dev.nexus.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The span a usage report covers, ending with the bucket that holds {@code now}: {@code 24h} is 24 hourly buckets,
 * {@code 30d} is 30 daily buckets (UTC days).
 *
 * @param range {@code 24h} or {@code 30d}
 * @param bucket {@code hour} or {@code day}
 */
public record UsagePeriod(String range, String bucket, Instant from, Duration width, int buckets) {

    /** @throws IllegalArgumentException naming the range and the ones there are */
    public static UsagePeriod of(String range, Instant now) {
        return switch (range) {
            case "24h" -> new UsagePeriod(range, "hour", now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23)),
                    Duration.ofHours(1), 24);
            case "30d" -> new UsagePeriod(range, "day", now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(29)),
                    Duration.ofDays(1), 30);
            default -> throw new IllegalArgumentException("unknown range '" + range + "': use range=24h (per hour) or range=30d (per day)");
        };
    }

    public Instant to() {
        return from.plus(width.multipliedBy(buckets));
    }

    public Instant start(int bucketIndex) {
        return from.plus(width.multipliedBy(bucketIndex));
    }
}
