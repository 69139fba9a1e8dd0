package dev.nexus.keylimit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The counting periods an instant falls in: its minute (fixed one-minute windows from the epoch, the same on every
 * instance), its UTC day and its UTC month, each named as a counter key, and when each ends.
 */
record Windows(String minute, String day, String month, Instant minuteEnds, Instant dayEnds, Instant monthEnds) {

    static Windows at(Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        LocalDate date = LocalDate.ofInstant(now, ZoneOffset.UTC);
        YearMonth month = YearMonth.from(date);
        return new Windows("min:" + minute, "d:" + date, "m:" + month,
                Instant.ofEpochSecond((minute + 1) * 60),
                date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
