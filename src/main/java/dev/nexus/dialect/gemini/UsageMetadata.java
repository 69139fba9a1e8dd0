package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Usage;

/**
 * Gemini {@code usageMetadata} → {@link Usage} (protocols §6.5). Gemini counts thoughts apart from candidates, and
 * cached tokens as part of the prompt, so: input = prompt; output = candidates + thoughts; cached = cachedContent;
 * reasoning = thoughts. Without a candidates count, output is total − prompt − toolUsePrompt (thoughts included).
 */
public final class UsageMetadata {
    private UsageMetadata() {}

    public static Usage usage(JsonNode metadata) {
        long prompt = count(metadata, "promptTokenCount");
        long thoughts = count(metadata, "thoughtsTokenCount");
        long output;
        if (Wire.has(metadata, "candidatesTokenCount")) {
            output = count(metadata, "candidatesTokenCount") + thoughts;
        } else if (Wire.has(metadata, "totalTokenCount")) {
            output = Math.max(0, count(metadata, "totalTokenCount") - prompt - count(metadata, "toolUsePromptTokenCount"));
        } else {
            output = thoughts;
        }
        return new Usage(prompt, output, count(metadata, "cachedContentTokenCount"), thoughts);
    }

    /**
     * {@link Usage} → {@code usageMetadata}, the inverse of {@link #usage}: candidates are the output without its
     * reasoning, which is {@code thoughtsTokenCount}; zero thought and cached counts are left out, as Gemini does.
     */
    static ObjectNode write(Usage usage) {
        ObjectNode metadata = Wire.object().put("promptTokenCount", usage.inputTokens())
                .put("candidatesTokenCount", Math.max(0, usage.outputTokens() - usage.reasoningTokens()))
                .put("totalTokenCount", usage.totalTokens());
        if (usage.reasoningTokens() > 0) {
            metadata.put("thoughtsTokenCount", usage.reasoningTokens());
        }
        if (usage.cachedInputTokens() > 0) {
            metadata.put("cachedContentTokenCount", usage.cachedInputTokens());
        }
        return metadata;
    }

    private static long count(JsonNode metadata, String name) {
        return Wire.field(metadata, name).asLong(0);
    }
}
