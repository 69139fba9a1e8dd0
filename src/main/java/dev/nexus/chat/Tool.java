package dev.nexus.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A tool the model may call. */
public sealed interface Tool {

    /**
     * A client-defined function.
     *
     * @param parameters the JSON Schema of the arguments, exactly as the client sent it (dialects clean it for their upstream)
     */
    record Function(String name, Optional<String> description, JsonNode parameters, boolean strict) implements Tool {}

    /** The upstream's own web search (Google Search grounding, OpenAI/Anthropic web search). */
    record WebSearch() implements Tool {}
}
