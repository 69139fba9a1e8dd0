package dev.nexus.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A complete answer, folded from the events. Fronts render non-streaming answers from this, so a non-stream
 * answer is by construction the same as the stream.
 *
 * @param content the blocks in index order: {@link Part.Text}, {@link Part.Thinking}, {@link Part.ToolCall}
 * @param sources the web pages the answer drew on, when the upstream searched
 * @param failure set when the stream ended in a {@link ChatEvent.Failure}
 */
public record ChatResponse(String id, String model, List<Part> content, StopReason stopReason, Usage usage,
        Optional<WebSources> sources, Optional<UpstreamError> failure) {

    public static ChatResponse collect(Iterable<ChatEvent> events) {
        Collector collector = new Collector();
        events.forEach(collector::accept);
        return collector.response();
    }

    /** An {@link EventSink} that folds events as they come. */
    public static final class Collector implements EventSink {
        private String id = "";
        private String model = "";
        private final TreeMap<Integer, Builder> blocks = new TreeMap<>();
        private StopReason stop = StopReason.END_TURN;
        private Usage usage = Usage.ZERO;
        private Optional<WebSources> sources = Optional.empty();
        private Optional<UpstreamError> failure = Optional.empty();

        @Override
        public void accept(ChatEvent event) {
            switch (event) {
                case ChatEvent.MessageStart s -> {
                    id = s.id();
                    model = s.model();
                }
                case ChatEvent.BlockStart s -> blocks.put(s.index(), new Builder(s.block()));
                case ChatEvent.TextDelta d -> block(d.index()).text.append(d.text());
                case ChatEvent.ThinkingDelta d -> block(d.index()).text.append(d.text());
                case ChatEvent.ToolArgsDelta d -> block(d.index()).text.append(d.jsonFragment());
                case ChatEvent.SignatureDelta d -> block(d.index()).signature = Optional.of(d.signature());
                case ChatEvent.BlockStop ignored -> { }
                case ChatEvent.UsageUpdate u -> usage = u.usage();
                case ChatEvent.Sources s -> sources = Optional.of(s.sources());
                case ChatEvent.Finish f -> {
                    stop = f.reason();
                    usage = f.usage();
                }
                case ChatEvent.Failure f -> failure = Optional.of(f.error());
            }
        }

        private Builder block(int index) {
            Builder builder = blocks.get(index);
            if (builder == null) {
                throw new IllegalStateException("delta for block " + index + " before its BlockStart");
            }
            return builder;
        }

        public ChatResponse response() {
            List<Part> content = new ArrayList<>();
            blocks.values().forEach(b -> content.add(b.part()));
            return new ChatResponse(id, model, content, stop, usage, sources, failure);
        }
    }

    private static final class Builder {
        final Block block;
        final StringBuilder text = new StringBuilder();
        Optional<Signature> signature = Optional.empty();

        Builder(Block block) {
            this.block = block;
        }

        Part part() {
            return switch (block) {
                case Block.Text t -> new Part.Text(text.toString());
                case Block.Thinking t -> new Part.Thinking(text.toString(), signature, false);
                case Block.ToolCall c -> new Part.ToolCall(c.id(), c.name(), text.isEmpty() ? "{}" : text.toString(), signature);
            };
        }
    }
}
