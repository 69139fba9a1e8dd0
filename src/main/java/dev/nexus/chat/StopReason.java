package dev.nexus.chat;

/** Why generation ended, in one vocabulary; each dialect maps it to its own names. */
public enum StopReason {
    /** The model finished its turn. */
    END_TURN,
    /** The output token limit was reached. */
    MAX_TOKENS,
    /** The model called one or more tools and waits for results. */
    TOOL_USE,
    /** A client stop sequence was produced. */
    STOP_SEQUENCE,
    /** Safety, recitation, blocklist or similar filtering stopped the answer. */
    CONTENT_FILTER,
    /** The model refused or produced something malformed (e.g. MALFORMED_FUNCTION_CALL). */
    ERROR
}
