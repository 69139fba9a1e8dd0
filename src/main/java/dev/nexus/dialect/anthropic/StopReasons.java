package dev.nexus.dialect.anthropic;

import dev.nexus.chat.StopReason;

/**
 * {@code stop_reason} ⇄ {@link StopReason}. A turn that called tools is a {@code tool_use} turn whatever the upstream
 * said (some upstreams say "stop" after calling tools), unless it hit the token limit or a filter. ERROR has no
 * Anthropic name: it is an {@code end_turn}, as a malformed call leaves nothing for the client to run.
 */
final class StopReasons {
    private StopReasons() {}

    static String toAnthropic(StopReason reason, boolean calledTools) {
        return switch (reason) {
            case END_TURN -> calledTools ? "tool_use" : "end_turn";
            case STOP_SEQUENCE -> calledTools ? "tool_use" : "stop_sequence";
            case MAX_TOKENS -> "max_tokens";
            case TOOL_USE -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            case ERROR -> "end_turn";
        };
    }

    /** {@code pause_turn} is a normal end; {@code model_context_window_exceeded} a length limit; unknown is an end. */
    static StopReason fromAnthropic(String reason, boolean calledTools) {
        return switch (reason) {
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "tool_use" -> StopReason.TOOL_USE;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.CONTENT_FILTER;
            default -> calledTools ? StopReason.TOOL_USE : StopReason.END_TURN;
        };
    }
}
