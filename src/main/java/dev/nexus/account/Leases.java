package dev.nexus.account;

import java.time.Duration;

/**
 * Short, named leases shared by every instance on the database, so a job runs on one instance at a time (implemented
 * by the store). A lease lapses on its own when its holder dies.
 */
public interface Leases {
    /** One process alone: every lease is granted at once (single-process tools and tests). */
    Leases LOCAL = new Leases() {
        @Override
        public boolean tryTake(String name, Duration lapseAfter) {
            return true;
        }

        @Override
        public void release(String name) {}
    };

    /** Takes the lease if nobody else holds it (or this instance already does); false when another instance holds it. */
    boolean tryTake(String name, Duration lapseAfter);

    /** Gives the lease back early; nothing when this instance does not hold it. */
    void release(String name);

    /**
     * Takes the lease, asking again every {@code every} while another instance holds it, for at most {@code upTo};
     * false when it is still held then. The holder is doing the job this one waits on (a token refresh, loading the
     * routes), so there is nothing to be notified of but the lease coming free.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    default boolean await(String name, Duration lapseAfter, Duration every, Duration upTo) throws InterruptedException {
        long deadline = System.nanoTime() + upTo.toNanos();
        while (!tryTake(name, lapseAfter)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(every);
        }
        return true;
    }
}
