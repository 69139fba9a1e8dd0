package dev.nexus.chat;

/** Who speaks a message. System instructions are not messages: they live in {@link ChatRequest#system()}. */
public enum Role {
    USER,
    ASSISTANT
}
