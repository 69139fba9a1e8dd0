package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
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

    private static long count(JsonNode metadata, String name) {
        return Wire.field(metadata, name).asLong(0);
    }
}
