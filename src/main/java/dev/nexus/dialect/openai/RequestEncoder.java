package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The top level of an encoded request; {@link MessageEncoder} does the conversation. */
final class RequestEncoder {
    private RequestEncoder() {}

    static ObjectNode encode(ChatRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", request.model());
        body.set("messages", MessageEncoder.encode(request.system(), request.messages()));
        tools(request, body);
        generation(request.generation(), body);
        responseFormat(request.responseFormat(), body);
        effort(request.reasoning()).ifPresent(effort -> body.put("reasoning_effort", effort));
        String user = request.metadata().get("user");
        if (user != null) {
            body.put("user", user);
        }
        if (request.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /** tool_choice and parallel_tool_calls only go with declared functions: OpenAI refuses them otherwise. */
    private static void tools(ChatRequest request, ObjectNode body) {
        List<Tool.Function> functions = request.tools().stream()
                .filter(t -> t instanceof Tool.Function).map(Tool.Function.class::cast).toList();
        if (request.tools().stream().anyMatch(t -> t instanceof Tool.WebSearch)) {
            body.putObject("web_search_options");
        }
        if (functions.isEmpty()) {
            return;
        }
        ArrayNode tools = body.putArray("tools");
        for (Tool.Function function : functions) {
            ObjectNode spec = tools.addObject().put("type", "function").putObject("function");
            spec.put("name", function.name());
            function.description().ifPresent(d -> spec.put("description", d));
            spec.set("parameters", function.parameters());
            if (function.strict()) {
                spec.put("strict", true);
            }
        }
        switch (request.toolChoice()) {
            case ToolChoice.Auto auto -> { }
            case ToolChoice.None none -> body.put("tool_choice", "none");
            case ToolChoice.Required required -> body.put("tool_choice", "required");
            case ToolChoice.Named named -> body.putObject("tool_choice").put("type", "function")
                    .putObject("function").put("name", named.name());
        }
        request.parallelToolCalls().ifPresent(parallel -> body.put("parallel_tool_calls", parallel));
    }

    /** max_tokens rather than max_completion_tokens: it is the one OpenAI-compatible servers all accept. */
    private static void generation(Generation generation, ObjectNode body) {
        generation.maxOutputTokens().ifPresent(max -> body.put("max_tokens", max));
        generation.temperature().ifPresent(t -> body.put("temperature", t));
        generation.topP().ifPresent(p -> body.put("top_p", p));
        generation.seed().ifPresent(seed -> body.put("seed", seed));
        generation.presencePenalty().ifPresent(p -> body.put("presence_penalty", p));
        generation.frequencyPenalty().ifPresent(p -> body.put("frequency_penalty", p));
        generation.candidateCount().filter(n -> n > 1).ifPresent(n -> body.put("n", n));
        if (!generation.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            generation.stopSequences().forEach(stop::add);
        }
    }

    private static void responseFormat(ResponseFormat format, ObjectNode body) {
        switch (format) {
            case ResponseFormat.Text text -> { }
            case ResponseFormat.JsonObject object -> body.putObject("response_format").put("type", "json_object");
            case ResponseFormat.JsonSchema schema -> {
                ObjectNode spec = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
                spec.put("name", schema.name());
                schema.description().ifPresent(d -> spec.put("description", d));
                spec.set("schema", schema.schema());
                spec.put("strict", schema.strict());
            }
        }
    }

    /**
     * An explicit effort wins; thinking switched off is "none"; a token budget (Anthropic, Gemini clients) is read
     * as low up to 2048 tokens, medium up to 8192, high above.
     */
    static Optional<String> effort(Reasoning reasoning) {
        if (reasoning.effort().isPresent()) {
            return Optional.of(reasoning.effort().get().name().toLowerCase(Locale.ROOT));
        }
        if (reasoning.enabled().equals(Optional.of(false))) {
            return Optional.of("none");
        }
        return reasoning.budgetTokens().map(budget -> budget <= 0 ? "none"
                : budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high");
    }
}
