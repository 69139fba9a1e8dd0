package dev.nexus.chat;

/**
 * Token counts in one vocabulary for every dialect.
 *
 * @param inputTokens all prompt tokens, cached ones included
 * @param outputTokens all generated tokens, reasoning ones included
 * @param cachedInputTokens the part of {@code inputTokens} served from a cache
 * @param reasoningTokens the part of {@code outputTokens} spent on thinking
 */
public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, long reasoningTokens) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
