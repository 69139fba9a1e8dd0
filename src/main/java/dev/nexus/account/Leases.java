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
}
