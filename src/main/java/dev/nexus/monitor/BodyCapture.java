package dev.nexus.monitor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The first bytes of a body as it passes, and how many passed in all. Thread-safe. */
final class BodyCapture {
    private final int limit;
    private byte[] bytes = new byte[0];
    private int size;
    private long seen;

    BodyCapture(int limit) {
        this.limit = limit;
    }

    synchronized void add(byte[] data, int offset, int length) {
        seen += length;
        int take = Math.min(length, limit - size);
        if (take <= 0) {
            return;
        }
        if (size + take > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + take, bytes.length * 2)));
        }
        System.arraycopy(data, offset, bytes, size, take);
        size += take;
    }

    synchronized boolean isEmpty() {
        return seen == 0;
    }

    synchronized boolean complete() {
        return seen == size;
    }

    synchronized int size() {
        return size;
    }

    synchronized long seen() {
        return seen;
    }

    synchronized String text() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }
}
