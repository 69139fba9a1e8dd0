package dev.nexus.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntFunction;

/**
 * How the CPU time of a piece of work grows with the size of its input, measured on the calling thread so that
 * other threads (GC, other tests, other processes on a shared machine) do not count. Each size is timed as the best
 * of a few runs after a warm-up, which keeps JIT compilation and one-off pauses out of the figure. Runs of the two sizes
 * alternate, so a machine that gets busier affects both alike, and each starts after a full collection: G1 makes the
 * allocating thread share its barrier work while it marks, which otherwise made the same run vary tenfold.
 *
 * <p>Between sizes {@code n} and {@code 4n}, linear work grows about 4 times, {@code n log n} work about 4.6 times
 * and quadratic work 16 times. {@link #LINEAR_BOUND} (8, the geometric middle of 4 and 16) tells them apart with
 * room for noise on either side.
 */
public final class CpuGrowth {
    /** The largest large/small ratio accepted as linear when the large size is four times the small one. */
    public static final double LINEAR_BOUND = 8.0;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int RUNS = 7;

    private CpuGrowth() {}

    /** The best CPU times at two sizes. */
    public record Growth(int small, long smallNanos, int large, long largeNanos) {
        public double ratio() {
            return (double) largeNanos / Math.max(1, smallNanos);
        }

        @Override
        public String toString() {
            return String.format("%d: %.1f ms, %d: %.1f ms (x%.1f)", small, smallNanos / 1e6, large, largeNanos / 1e6, ratio());
        }
    }

    public static boolean supported() {
        return THREADS.isCurrentThreadCpuTimeSupported();
    }

    /**
     * Times {@code work.apply(size)} at both sizes. The input is built by {@code work} before timing starts; only the
     * returned {@link Runnable} is timed, and it must not change its input (it runs several times). Stops early once
     * two pairs of runs have decided: within {@link #LINEAR_BOUND}, or four times past it (no noise explains that).
     */
    public static Growth measure(IntFunction<Runnable> work, int small, int large) {
        Runnable smallRun = work.apply(small);
        smallRun.run();
        smallRun.run();
        Runnable largeRun = work.apply(large);
        long smallBest = Long.MAX_VALUE;
        long largeBest = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            smallBest = Math.min(smallBest, cpu(smallRun));
            largeBest = Math.min(largeBest, cpu(largeRun));
            double ratio = (double) largeBest / Math.max(1, smallBest);
            if (i >= 1 && (ratio <= LINEAR_BOUND || ratio > 4 * LINEAR_BOUND)) {
                break;
            }
        }
        return new Growth(small, smallBest, large, largeBest);
    }

    private static long cpu(Runnable run) {
        System.gc();
        long start = THREADS.getCurrentThreadCpuTime();
        run.run();
        return THREADS.getCurrentThreadCpuTime() - start;
    }
}
