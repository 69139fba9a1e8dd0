package dev.nexus.chat;

/**
 * The answer as a stream. Every provider produces these; every front consumes them. Order:
 * {@code MessageStart}, then blocks ({@code BlockStart}, deltas, {@code BlockStop}) with increasing indexes,
 * any number of {@code UsageUpdate}s, at most one {@code Sources} after the last block stopped, then exactly one
 * {@code Finish} or {@code Failure}. Blocks do not interleave: a block is stopped before the next one starts.
 */
public sealed interface ChatEvent {

    /** @param id the upstream's response id (or a synthesised one); {@code model} the model that answered */
    record MessageStart(String id, String model) implements ChatEvent {}

    record BlockStart(int index, Block block) implements ChatEvent {}

    record TextDelta(int index, String text) implements ChatEvent {}

    record ThinkingDelta(int index, String text) implements ChatEvent {}

    /** A signature for the thinking or tool-call block at {@code index}. */
    record SignatureDelta(int index, Signature signature) implements ChatEvent {}

    record ToolArgsDelta(int index, String jsonFragment) implements ChatEvent {}

    record BlockStop(int index) implements ChatEvent {}

    /** Usage so far (cumulative, not incremental); the last one counts. */
    record UsageUpdate(Usage usage) implements ChatEvent {}

    /**
     * The web pages the answer drew on. It comes after the blocks because upstreams send it with the end of the answer,
     * and its spans refer to the whole answer text.
     */
    record Sources(WebSources sources) implements ChatEvent {}

    record Finish(StopReason reason, Usage usage) implements ChatEvent {}

    record Failure(UpstreamError error) implements ChatEvent {}
}
