package dev.nexus.dialect.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.Optional;

/**
 * The top level of an encoded request; {@link MessageEncoder} does the conversation. What Anthropic would refuse is
 * adjusted rather than sent:
 * <ul>
 *   <li>{@code max_tokens} is required: absent, it is {@value #DEFAULT_MAX_TOKENS}; with a thinking budget at or
 *       above it, it becomes budget + {@value #ANSWER_ROOM} so the answer keeps room after the thinking;</li>
 *   <li>thinking: a budget is {@code enabled} (at least {@value #MINIMUM_BUDGET}, Anthropic's minimum), an effort or
 *       a bare "on" is {@code adaptive} with {@code output_config.effort} (XHIGH is "max", MINIMAL "low"), off or
 *       effort NONE is {@code disabled}; a forced tool choice turns thinking off, as Anthropic allows none with it;</li>
 *   <li>with thinking on, {@code top_k}, a temperature other than 1 and a {@code top_p} below 0.95 are left out;</li>
 *   <li>a JSON Schema response format is {@code output_config.format}; "any JSON object" has no Anthropic form and
 *       is left out, as are seed, penalties and candidate count.</li>
 * </ul>
 */
final class RequestEncoder {
    static final int DEFAULT_MAX_TOKENS = 8192;
    static final int ANSWER_ROOM = 4096;
    static final int MINIMUM_BUDGET = 1024;

    private RequestEncoder() {}

    static ObjectNode encode(ChatRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", request.model());
        ObjectNode thinking = thinking(request);
        Optional<Integer> budget = thinking.has("budget_tokens") ? Optional.of(thinking.get("budget_tokens").intValue())
                : Optional.empty();
        int max = request.generation().maxOutputTokens().orElse(DEFAULT_MAX_TOKENS);
        body.put("max_tokens", budget.filter(b -> b >= max).map(b -> b + ANSWER_ROOM).orElse(max));
        ArrayNode system = MessageEncoder.system(request.system());
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        body.set("messages", MessageEncoder.messages(request.messages()));
        tools(request, body);
        if (!thinking.isEmpty()) {
            body.set("thinking", thinking);
        }
        outputConfig(request, thinking, body);
        boolean thinkingOn = !thinking.isEmpty() && !thinking.path("type").asText().equals("disabled");
        generation(request.generation(), thinkingOn, body);
        String user = request.metadata().get("user_id");
        if (user != null) {
            body.putObject("metadata").put("user_id", user);
        }
        if (request.stream()) {
            body.put("stream", true);
        }
        return body;
    }

    private static void tools(ChatRequest request, ObjectNode body) {
        if (request.tools().isEmpty()) {
            return;
        }
        ArrayNode tools = body.putArray("tools");
        for (Tool tool : request.tools()) {
            switch (tool) {
                case Tool.Function function -> {
                    ObjectNode spec = tools.addObject().put("name", function.name());
                    function.description().ifPresent(d -> spec.put("description", d));
                    spec.set("input_schema", function.parameters());
                    if (function.strict()) {
                        spec.put("strict", true);
                    }
                }
                case Tool.WebSearch search -> tools.addObject().put("type", "web_search_20250305").put("name", "web_search");
            }
        }
        boolean single = request.parallelToolCalls().equals(Optional.of(false));
        ObjectNode choice = switch (request.toolChoice()) {
            case ToolChoice.Auto auto -> single ? JsonNodeFactory.instance.objectNode().put("type", "auto") : null;
            case ToolChoice.None none -> JsonNodeFactory.instance.objectNode().put("type", "none");
            case ToolChoice.Required required -> JsonNodeFactory.instance.objectNode().put("type", "any");
            case ToolChoice.Named named -> JsonNodeFactory.instance.objectNode().put("type", "tool").put("name", named.name());
        };
        if (choice != null) {
            if (single) {
                choice.put("disable_parallel_tool_use", true);
            }
            body.set("tool_choice", choice);
        }
    }

    /** The {@code thinking} object, or an empty one when the request says nothing about thinking. */
    private static ObjectNode thinking(ChatRequest request) {
        ObjectNode thinking = JsonNodeFactory.instance.objectNode();
        Reasoning r = request.reasoning();
        boolean forcedTool = !request.tools().isEmpty()
                && (request.toolChoice() instanceof ToolChoice.Required || request.toolChoice() instanceof ToolChoice.Named);
        boolean off = r.enabled().equals(Optional.of(false)) || r.effort().equals(Optional.of(Reasoning.Effort.NONE))
                || (r.effort().isEmpty() && r.budgetTokens().equals(Optional.of(0)));
        boolean on = r.enabled().orElse(false) || r.effort().isPresent() || r.budgetTokens().filter(b -> b > 0).isPresent();
        if (off || (on && forcedTool)) {
            return thinking.put("type", "disabled");
        }
        if (!on) {
            return thinking;
        }
        Optional<Integer> budget = r.budgetTokens().filter(b -> b > 0);
        if (budget.isPresent()) {
            return thinking.put("type", "enabled").put("budget_tokens", Math.max(budget.get(), MINIMUM_BUDGET));
        }
        return thinking.put("type", "adaptive");
    }

    private static void outputConfig(ChatRequest request, ObjectNode thinking, ObjectNode body) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        if (thinking.path("type").asText().equals("adaptive")) {
            request.reasoning().effort().ifPresent(effort -> config.put("effort", switch (effort) {
                case NONE, MINIMAL, LOW -> "low";
                case MEDIUM -> "medium";
                case HIGH -> "high";
                case XHIGH -> "max";
            }));
        }
        if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
            config.putObject("format").put("type", "json_schema").set("schema", schema.schema());
        }
        if (!config.isEmpty()) {
            body.set("output_config", config);
        }
    }

    private static void generation(Generation g, boolean thinkingOn, ObjectNode body) {
        g.temperature().filter(t -> !thinkingOn || t == 1.0).ifPresent(t -> body.put("temperature", t));
        g.topP().filter(p -> !thinkingOn || p >= 0.95).ifPresent(p -> body.put("top_p", p));
        if (!thinkingOn) {
            g.topK().ifPresent(k -> body.put("top_k", k));
        }
        if (!g.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            g.stopSequences().forEach(stops::add);
        }
    }
}
