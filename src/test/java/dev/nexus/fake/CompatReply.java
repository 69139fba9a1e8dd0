package dev.nexus.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * What the OpenAI-compatible fake answers to one chat request: text (streamed in the pieces given), tool calls
 * (arguments streamed in two fragments), usage, or an in-stream error after the first chunk.
 *
 * @param text the answer's text, one stream chunk per piece (empty: no content)
 * @param toolCalls the tool calls the model makes ({@code finish_reason} becomes {@code tool_calls})
 * @param promptTokens the usage reported
 * @param breakMidStream a stream sends its first chunk and the text, then this error in an error chunk, then ends
 * @param holdAfter a stream waits after this many text pieces until {@code release} is counted down (at most 30 s), so a
 *     test can see what arrived while the stream is provably open; {@code -1}: no hold
 * @param holdBeforeFinish a stream sends its text, then waits (at most 30 s) for this latch before the rest
 */
public record CompatReply(List<String> text, List<ToolCall> toolCalls, int promptTokens, int completionTokens,
        Optional<String> breakMidStream, int holdAfter, Optional<CountDownLatch> release, Optional<CountDownLatch> holdBeforeFinish) {
    public CompatReply {
        text = List.copyOf(text);
        toolCalls = List.copyOf(toolCalls);
    }

    /** One function call with its arguments as a JSON text. */
    public record ToolCall(String id, String name, String arguments) {}

    public static CompatReply text(String... pieces) {
        return builder().text(pieces).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<String> text = new ArrayList<>();
        private final List<ToolCall> toolCalls = new ArrayList<>();
        private int promptTokens = 9;
        private int completionTokens = 5;
        private Optional<String> breakMidStream = Optional.empty();
        private int holdAfter = -1;
        private Optional<CountDownLatch> release = Optional.empty();
        private Optional<CountDownLatch> holdBeforeFinish = Optional.empty();

        public Builder text(String... pieces) {
            text.addAll(List.of(pieces));
            return this;
        }

        public Builder toolCall(String id, String name, String arguments) {
            toolCalls.add(new ToolCall(id, name, arguments));
            return this;
        }

        public Builder usage(int prompt, int completion) {
            promptTokens = prompt;
            completionTokens = completion;
            return this;
        }

        public Builder breakMidStream(String message) {
            breakMidStream = Optional.of(message);
            return this;
        }

        /** The stream waits after {@code pieces} text pieces until {@code release} is counted down. */
        public Builder holdAfter(int pieces, CountDownLatch release) {
            holdAfter = pieces;
            this.release = Optional.of(release);
            return this;
        }

        /** The stream sends all its text, then waits for {@code release} before finishing. */
        public Builder holdBeforeFinish(CountDownLatch release) {
            holdBeforeFinish = Optional.of(release);
            return this;
        }

        public CompatReply build() {
            return new CompatReply(text, toolCalls, promptTokens, completionTokens, breakMidStream, holdAfter, release, holdBeforeFinish);
        }
    }
}
