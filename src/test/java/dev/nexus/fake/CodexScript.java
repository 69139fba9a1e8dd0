package dev.nexus.fake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FIFO queues of {@link CodexReply}s keyed by ChatGPT account email and model (null: any), answered from the most
 * specific non-empty queue as {@link Script} does for Google; {@link #DEFAULT} when all are empty.
 */
public final class CodexScript {
    public static final CodexReply DEFAULT = CodexReply.text("Hello from ", "fake Codex");

    private record Key(String email, String model) {}

    private static final class Entry {
        final CodexReply reply;
        int remaining;

        Entry(CodexReply reply) {
            this.reply = reply;
            this.remaining = reply.uses;
        }
    }

    private final Map<Key, Deque<Entry>> queues = new HashMap<>();

    CodexScript() {}

    public CodexScript enqueue(CodexReply reply) {
        return enqueue(null, null, reply);
    }

    public CodexScript enqueueForAccount(String email, CodexReply reply) {
        return enqueue(email, null, reply);
    }

    public synchronized CodexScript enqueue(String email, String model, CodexReply reply) {
        queues.computeIfAbsent(new Key(email, model), k -> new ArrayDeque<>()).addLast(new Entry(reply));
        return this;
    }

    public synchronized int pending() {
        return queues.values().stream().flatMap(Deque::stream).mapToInt(e -> e.remaining).sum();
    }

    synchronized CodexReply take(String email, String model) {
        for (Key key : List.of(new Key(email, model), new Key(email, null), new Key(null, model), new Key(null, null))) {
            Deque<Entry> queue = queues.get(key);
            if (queue == null || queue.isEmpty()) {
                continue;
            }
            Entry head = queue.peekFirst();
            if (--head.remaining == 0) {
                queue.removeFirst();
            }
            return head.reply;
        }
        return DEFAULT;
    }
}
