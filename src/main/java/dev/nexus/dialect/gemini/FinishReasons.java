package dev.nexus.dialect.gemini;

import dev.nexus.chat.StopReason;

/**
 * Gemini {@code finishReason} → {@link StopReason} (protocols §6.4). Gemini has no tool-use reason (calls finish
 * with STOP) and no stop-sequence reason, so tool use is decided by whether the answer called functions.
 */
final class FinishReasons {
    private FinishReasons() {}

    /**
     * @param finishReason the last {@code finishReason} seen, or empty
     * @param promptBlocked whether {@code promptFeedback.blockReason} was set
     * @param calledTools whether the answer contained a {@code functionCall}
     */
    static StopReason of(String finishReason, boolean promptBlocked, boolean calledTools) {
        if (calledTools) {
            return StopReason.TOOL_USE;
        }
        if (promptBlocked) {
            return StopReason.CONTENT_FILTER;
        }
        return switch (finishReason) {
            case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT" -> StopReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS" -> StopReason.ERROR;
            default -> StopReason.END_TURN;
        };
    }

    /**
     * {@link StopReason} → the {@code finishReason} a GenAI client expects. Gemini ends tool calls and stop sequences
     * with STOP too; a refusal or malformed answer is OTHER (MALFORMED_FUNCTION_CALL would name a cause Nexus cannot
     * know).
     */
    static String toGemini(StopReason reason) {
        return switch (reason) {
            case END_TURN, TOOL_USE, STOP_SEQUENCE -> "STOP";
            case MAX_TOKENS -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
            case ERROR -> "OTHER";
        };
    }
}
