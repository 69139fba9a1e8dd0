package dev.nexus.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fake Codex backend answers to one {@code POST /responses}: output items streamed as Responses events
 * (reasoning summaries, message text in delta pieces, function calls), then {@code response.completed} with usage.
 * Immutable; build with {@link #builder()} or {@link #text}.
 */
public final class CodexReply {

    /** One output item. */
    sealed interface Item {
        /** @param encryptedContent what {@code encrypted_content} carries; null for a fresh random one */
        record Reasoning(String summary, String encryptedContent) implements Item {}

        record Message(List<String> pieces) implements Item {}

        /** @param arguments the arguments as JSON text, streamed in two deltas */
        record FunctionCall(String callId, String name, String arguments) implements Item {}
    }

    /** Token counts for {@code response.completed}; zero means "estimate from the request and the output". */
    record Usage(int input, int cached, int output, int reasoning) {}

    final List<Item> items;
    final Usage usage;
    final int uses;

    private CodexReply(List<Item> items, Usage usage, int uses) {
        this.items = List.copyOf(items);
        this.usage = usage;
        this.uses = uses;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One assistant message streamed in these delta pieces. */
    public static CodexReply text(String... pieces) {
        return builder().text(pieces).build();
    }

    /** Served to the next {@code n} matching calls. */
    public CodexReply times(int n) {
        return new CodexReply(items, usage, n);
    }

    public static final class Builder {
        private final List<Item> items = new ArrayList<>();
        private Usage usage = new Usage(0, 0, 0, 0);

        private Builder() {}

        public Builder reasoning(String summary) {
            return reasoning(summary, null);
        }

        /** A reasoning item whose {@code encrypted_content} is this text, so a test can look for it in later requests. */
        public Builder reasoning(String summary, String encryptedContent) {
            items.add(new Item.Reasoning(summary, encryptedContent));
            return this;
        }

        public Builder text(String... pieces) {
            items.add(new Item.Message(List.of(pieces)));
            return this;
        }

        public Builder functionCall(String callId, String name, String argumentsJson) {
            items.add(new Item.FunctionCall(callId, name, argumentsJson));
            return this;
        }

        public Builder usage(int input, int cached, int output, int reasoning) {
            usage = new Usage(input, cached, output, reasoning);
            return this;
        }

        public CodexReply build() {
            return new CodexReply(items, usage, 1);
        }
    }
}
