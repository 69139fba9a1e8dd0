package dev.nexus.chat;

import java.util.List;

/** A turn of the conversation. Tool results travel as {@link Part.ToolResult} parts of a {@link Role#USER} message. */
public record Message(Role role, List<Part> parts) {
    public Message {
        parts = List.copyOf(parts);
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new Part.Text(text)));
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(new Part.Text(text)));
    }
}
