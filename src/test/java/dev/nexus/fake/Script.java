package dev.nexus.fake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FIFO queues of scripted replies for generateContent and streamGenerateContent, keyed by caller — the account
 * e-mail on Cloud Code, the API key on the Gemini API and Vertex — and model id, where null means "any". A call is answered from the most specific non-empty queue, in the
 * order (account, model), (account, any), (any, model), (any, any); when all are empty it gets
 * {@link #DEFAULT}.
 */
public final class Script {
    /** What an unscripted call gets. */
    public static final Reply DEFAULT = Reply.text("Hello from fake");

    private record Key(String caller, String model) {}

    private static final class Entry {
        final Reply reply;
        int remaining;

        Entry(Reply reply) {
            this.reply = reply;
            this.remaining = reply.uses;
        }
    }

    private final Map<Key, Deque<Entry>> queues = new HashMap<>();

    Script() {}

    /** Queue a reply for any account and any model. */
    public Script enqueue(Reply reply) {
        return enqueue(null, null, reply);
    }

    public Script enqueueForAccount(String email, Reply reply) {
        return enqueue(email, null, reply);
    }

    /** Queue a reply for calls made with this API key (Gemini API, Vertex), any model. */
    public Script enqueueForKey(String apiKey, Reply reply) {
        return enqueue(apiKey, null, reply);
    }

    public Script enqueueForModel(String model, Reply reply) {
        return enqueue(null, model, reply);
    }

    /** Queue a reply for this caller (account e-mail or API key) and model; either may be null for "any". */
    public synchronized Script enqueue(String caller, String model, Reply reply) {
        queues.computeIfAbsent(new Key(caller, model), k -> new ArrayDeque<>()).addLast(new Entry(reply));
        return this;
    }

    /** Replies still owed, counting each use of a {@code times(n)} reply; repeating replies are not counted. */
    public synchronized int pending() {
        return queues.values().stream().flatMap(Deque::stream).filter(e -> e.remaining > 0).mapToInt(e -> e.remaining).sum();
    }

    public synchronized void clear() {
        queues.clear();
    }

    synchronized Reply take(String caller, String model) {
        for (Key key : List.of(new Key(caller, model), new Key(caller, null), new Key(null, model), new Key(null, null))) {
            Deque<Entry> queue = queues.get(key);
            if (queue == null || queue.isEmpty()) {
                continue;
            }
            Entry head = queue.peekFirst();
            if (head.remaining != Reply.FOREVER && --head.remaining == 0) {
                queue.removeFirst();
            }
            return head.reply;
        }
        return DEFAULT;
    }
}
