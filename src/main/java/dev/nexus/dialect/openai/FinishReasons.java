package dev.nexus.dialect.openai;

import dev.nexus.chat.StopReason;

/**
 * {@code finish_reason} ⇄ {@link StopReason}. Whether the turn is a tool turn is decided by the presence of tool calls,
 * not by the reason the upstream gave: some upstreams say "stop" after calling tools.
 */
final class FinishReasons {
    private FinishReasons() {}

    static String toOpenAi(StopReason reason, boolean calledTools) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE -> calledTools ? "tool_calls" : "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            case ERROR -> "stop";
        };
    }

    /** Unknown reasons (non-standard upstream values) count as a normal end. */
    static StopReason fromOpenAi(String reason, boolean calledTools) {
        StopReason mapped = switch (reason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTER;
            default -> StopReason.END_TURN;
        };
        return mapped == StopReason.END_TURN && calledTools ? StopReason.TOOL_USE : mapped;
    }
}
