package dev.nexus.chat;

/**
 * Where a provider's events go: a front's stream writer, a collector for a non-streaming answer, or the gateway's
 * guard in between. Called from one thread at a time, in stream order.
 */
@FunctionalInterface
public interface EventSink {
    void accept(ChatEvent event);
}
