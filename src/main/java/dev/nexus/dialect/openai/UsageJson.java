package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Usage;

/**
 * Chat Completions {@code usage} ⇄ {@link Usage}. The vocabularies agree: prompt tokens include cached ones and
 * completion tokens include reasoning ones, so no arithmetic is needed except the total.
 */
final class UsageJson {
    private UsageJson() {}

    static ObjectNode write(Usage usage) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("prompt_tokens", usage.inputTokens());
        json.put("completion_tokens", usage.outputTokens());
        json.put("total_tokens", usage.totalTokens());
        json.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        json.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return json;
    }

    /** Reads an upstream's usage leniently: missing or malformed counts are zero. */
    static Usage read(JsonNode usage) {
        return new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
