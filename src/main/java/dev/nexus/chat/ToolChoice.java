package dev.nexus.chat;

/** Whether and which tool the model must call. */
public sealed interface ToolChoice {
    record Auto() implements ToolChoice {}

    record None() implements ToolChoice {}

    /** Must call some tool (OpenAI {@code required}, Anthropic {@code any}, Gemini mode ANY). */
    record Required() implements ToolChoice {}

    /** Must call this tool. */
    record Named(String name) implements ToolChoice {}

    ToolChoice AUTO = new Auto();
    ToolChoice NONE = new None();
    ToolChoice REQUIRED = new Required();
}
