package dev.nexus.fake;

import java.time.Duration;

/** Counts streams still being written, and lets a test wait for them to finish instead of sleeping. */
final class OpenStreams {
    private int open;

    synchronized void enter() {
        open++;
    }

    synchronized void exit() {
        open--;
        notifyAll();
    }

    synchronized int count() {
        return open;
    }

    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
