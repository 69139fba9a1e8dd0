package dev.nexus.chat;

/** The kind of a content block opened by {@link ChatEvent.BlockStart}; its content arrives in deltas. */
public sealed interface Block {
    record Text() implements Block {}

    record Thinking() implements Block {}

    /** A tool call; its arguments arrive as {@link ChatEvent.ToolArgsDelta} fragments that concatenate to a JSON object. */
    record ToolCall(String id, String name) implements Block {}
}
