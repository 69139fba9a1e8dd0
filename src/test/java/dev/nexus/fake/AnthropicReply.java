package dev.nexus.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fake Anthropic API answers to one {@code POST /v1/messages}: content blocks in order — thinking (signed by
 * the fake), text streamed in delta pieces, tool_use whose input streams as two {@code input_json_delta}s — then the
 * stop reason ({@code tool_use} when a tool is called, else {@code end_turn}) and usage. Immutable; build with
 * {@link #builder()} or {@link #text}.
 */
public final class AnthropicReply {

    /** One content block. */
    sealed interface Block {
        record Thinking(String text) implements Block {}

        record Text(List<String> pieces) implements Block {}

        /** @param input the input as JSON object text */
        record ToolUse(String id, String name, String input) implements Block {}
    }

    /** Token counts; zero input means "estimate from the request". */
    record Usage(int input, int output) {}

    final List<Block> blocks;
    final Usage usage;
    /** An {@code error} event of this type after {@code message_start}, instead of the content (null: none). */
    final String errorAfterStart;
    /** An {@code error} event of this type after the content, instead of the message's end (null: none). */
    final String errorAfterContent;

    private AnthropicReply(List<Block> blocks, Usage usage, String errorAfterStart, String errorAfterContent) {
        this.blocks = List.copyOf(blocks);
        this.usage = usage;
        this.errorAfterStart = errorAfterStart;
        this.errorAfterContent = errorAfterContent;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One text block streamed in these pieces. */
    public static AnthropicReply text(String... pieces) {
        return builder().text(pieces).build();
    }

    /** A stream that starts and then fails with an {@code error} event of this type (e.g. {@code overloaded_error}). */
    public static AnthropicReply errorAfterStart(String type) {
        return new AnthropicReply(List.of(), new Usage(0, 0), type, null);
    }

    String stopReason() {
        return blocks.stream().anyMatch(b -> b instanceof Block.ToolUse) ? "tool_use" : "end_turn";
    }

    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();
        private Usage usage = new Usage(0, 0);
        private String errorAfterContent;

        private Builder() {}

        /** The stream breaks after the content with an {@code error} event of this type (e.g. {@code overloaded_error}). */
        public Builder thenError(String type) {
            errorAfterContent = type;
            return this;
        }

        public Builder thinking(String text) {
            blocks.add(new Block.Thinking(text));
            return this;
        }

        public Builder text(String... pieces) {
            blocks.add(new Block.Text(List.of(pieces)));
            return this;
        }

        public Builder toolUse(String id, String name, String inputJson) {
            blocks.add(new Block.ToolUse(id, name, inputJson));
            return this;
        }

        public Builder usage(int input, int output) {
            usage = new Usage(input, output);
            return this;
        }

        public AnthropicReply build() {
            return new AnthropicReply(blocks, usage, null, errorAfterContent);
        }
    }
}
