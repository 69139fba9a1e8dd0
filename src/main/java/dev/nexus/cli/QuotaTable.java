package dev.nexus.cli;

import dev.nexus.gateway.AccountQuota.ModelQuota;
import dev.nexus.provider.codex.CodexQuota;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An account's quota for the terminal: model, display name, remaining % with a text bar, resets in, resets at. */
final class QuotaTable {
    private static final int BAR = 10;

    private QuotaTable() {}

    static void print(List<ModelQuota> models, Instant now, PrintWriter out) {
        Table table = new Table("MODEL", "NAME", "REMAINING", "RESETS IN", "RESETS AT");
        for (ModelQuota m : models) {
            table.row(m.id(), m.displayName(), remaining(m.remainingFraction()),
                    m.resetTime().map(t -> in(Duration.between(now, t))).orElse("-"),
                    m.resetTime().map(Instant::toString).orElse("-"));
        }
        table.print(out);
    }

    /** A ChatGPT account's two Codex windows: window, used % with a text bar, length, resets in, resets at. */
    static void printCodex(CodexQuota quota, Instant now, PrintWriter out) {
        Table table = new Table("WINDOW", "USED", "LENGTH", "RESETS IN", "RESETS AT");
        codexRow(table, "primary (5-hour)", quota.primary(), now);
        codexRow(table, "secondary (weekly)", quota.secondary(), now);
        table.print(out);
    }

    private static void codexRow(Table table, String name, Optional<CodexQuota.Window> window, Instant now) {
        if (window.isEmpty()) {
            table.row(name, "unknown", "-", "-", "-");
            return;
        }
        CodexQuota.Window w = window.get();
        table.row(name, remaining(w.usedPercent() / 100), w.windowMinutes().map(m -> in(Duration.ofMinutes(m))).orElse("-"),
                w.resetsAt().map(t -> in(Duration.between(now, t))).orElse("-"), w.resetsAt().map(Instant::toString).orElse("-"));
    }

    /** {@code  80.0% [########..]}. */
    static String remaining(double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(clamped * BAR);
        return String.format(Locale.ROOT, "%5.1f%% [%s%s]", clamped * 100, "#".repeat(filled), ".".repeat(BAR - filled));
    }

    /** {@code 2d 3h}, {@code 4h 59m}, {@code 12m}, {@code <1m}, or {@code now} once the window has ended. */
    static String in(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "now";
        }
        long days = left.toDays();
        long hours = left.toHoursPart();
        long minutes = left.toMinutesPart();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m" : "<1m";
    }
}
