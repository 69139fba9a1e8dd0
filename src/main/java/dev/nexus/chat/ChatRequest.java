package dev.nexus.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A conversation request in no particular dialect. Fronts decode client JSON into it; providers encode it for
 * their upstream. Lossless for what the dialects share; dialect-only fields a front does not map are documented
 * there.
 *
 * @param model the model the client asked for (before routing)
 * @param system system instructions as parts, in order (OpenAI system/developer messages, Anthropic {@code system})
 * @param parallelToolCalls empty: upstream default; false: at most one tool call per turn
 * @param includeUsageInStream OpenAI {@code stream_options.include_usage}
 * @param metadata client metadata (e.g. Anthropic {@code metadata.user_id}); also the sticky-session key source
 */
public record ChatRequest(
        String model,
        List<Part> system,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        Optional<Boolean> parallelToolCalls,
        Generation generation,
        ResponseFormat responseFormat,
        Reasoning reasoning,
        boolean stream,
        boolean includeUsageInStream,
        Map<String, String> metadata) {

    public ChatRequest {
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        metadata = Map.copyOf(metadata);
    }

    /** A minimal request, for tests and probes. */
    public static ChatRequest of(String model, List<Message> messages) {
        return new ChatRequest(model, List.of(), messages, List.of(), ToolChoice.AUTO, Optional.empty(), Generation.DEFAULTS,
                ResponseFormat.TEXT, Reasoning.UNSPECIFIED, false, false, Map.of());
    }

    /** Whether the client offered the upstream's web search ({@link Tool.WebSearch}); answers then show their sources. */
    public boolean offersWebSearch() {
        return tools.stream().anyMatch(tool -> tool instanceof Tool.WebSearch);
    }

    public ChatRequest withModel(String target) {
        return new ChatRequest(target, system, messages, tools, toolChoice, parallelToolCalls, generation, responseFormat,
                reasoning, stream, includeUsageInStream, metadata);
    }

    public ChatRequest withMessages(List<Message> replaced) {
        return new ChatRequest(model, system, replaced, tools, toolChoice, parallelToolCalls, generation, responseFormat,
                reasoning, stream, includeUsageInStream, metadata);
    }

    public ChatRequest withStream(boolean streamed) {
        return new ChatRequest(model, system, messages, tools, toolChoice, parallelToolCalls, generation, responseFormat,
                reasoning, streamed, includeUsageInStream, metadata);
    }
}
