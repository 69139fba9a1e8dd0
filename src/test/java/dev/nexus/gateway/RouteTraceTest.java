package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexus.testing.CpuGrowth;
import org.junit.jupiter.api.Test;

class RouteTraceTest {
    @Test
    void eachNoteIsShownOnceInTheOrderItCame() {
        RouteTrace trace = new RouteTrace();
        trace.note("dropped server tool bash_20250124");
        trace.note("web search omitted");
        trace.note("dropped server tool bash_20250124");
        assertThat(trace.render()).isEqualTo("none; note dropped server tool bash_20250124, web search omitted");
    }

    @Test
    void theResolutionOfTheClientsNameComesFirst() {
        RouteTrace trace = new RouteTrace();
        trace.resolved("claude-opus-4-8", "claude-opus-4-6-thinking", "family claude-opus, nearest version");
        trace.attempt("google", "claude-opus-4-6-thinking", "0123456789abcdef", "a***e@e***.com");
        trace.failed("429");
        trace.attempt("google", "claude-opus-4-6-thinking", "fedcba9876543210", "b***b@e***.com");
        assertThat(trace.render()).isEqualTo("resolved claude-opus-4-8 -> claude-opus-4-6-thinking (family claude-opus, nearest version);"
                + " google/claude-opus-4-6-thinking@fedcba98; tried google/claude-opus-4-6-thinking@01234567:429");
    }

    @Test
    void aNameNothingResolvedIsShownAsSuch() {
        RouteTrace trace = new RouteTrace();
        trace.unresolved("gpt-4.1-nano");
        assertThat(trace.render()).startsWith("unresolved gpt-4.1-nano (").endsWith("); none");
    }

    @Test
    void aRequestWithManyNotesShowsTheFirstOnesAndHowManyMore() {
        RouteTrace trace = new RouteTrace();
        for (int i = 0; i < RouteTrace.NOTES_SHOWN + 5; i++) {
            trace.note("dropped server tool t" + i);
        }
        assertThat(trace.render()).startsWith("none; note dropped server tool t0, dropped server tool t1,")
                .endsWith("dropped server tool t" + (RouteTrace.NOTES_SHOWN - 1) + " and 5 more");
    }

    /** A client names as many server tools as it likes; each distinct one is a note. */
    @Test
    void notingGrowsLinearlyWithTheNumberOfNotes() {
        assumeTrue(CpuGrowth.supported(), "this JVM cannot measure a thread's CPU time");
        CpuGrowth.Growth growth = CpuGrowth.measure(n -> {
            String[] notes = new String[n];
            for (int i = 0; i < n; i++) {
                notes[i] = "dropped server tool computer_" + i;
            }
            return () -> {
                RouteTrace trace = new RouteTrace();
                for (String note : notes) {
                    trace.note(note);
                }
                trace.render();
            };
        }, 10_000, 40_000);
        assertThat(growth.ratio()).as("CPU time for %s", growth).isLessThan(CpuGrowth.LINEAR_BOUND);
    }
}
