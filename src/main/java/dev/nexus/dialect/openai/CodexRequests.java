package dev.nexus.dialect.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Part;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A canonical request → the body of {@code POST …/backend-api/codex/responses}: the Responses API shaped as the Codex
 * CLI sends it (protocols §5.2). Pure; the request is not modified.
 *
 * <ul>
 *   <li>{@code instructions}: the system parts' text joined by a blank line, {@code ""} when there is none (the
 *       backend requires the field);</li>
 *   <li>{@code input}: the conversation ({@link CodexInput}), encrypted reasoning of this upstream replayed;</li>
 *   <li>{@code tools}: functions flat ({@code {"type": "function", "name", "description", "parameters", "strict"}}),
 *       web search as {@code web_search}; {@code tool_choice} ({@code auto} when there are no tools) and
 *       {@code parallel_tool_calls} (true unless the client said false) always, as Codex sends them;</li>
 *   <li>{@code reasoning}: the effort (a token budget read as the nearest effort) and {@code summary: "auto"} when
 *       the client wants thoughts back (asked for them, or asked for reasoning without saying);</li>
 *   <li>{@code text.format} from a JSON response format;</li>
 *   <li>always {@code store: false}, {@code stream: true} and {@code include: ["reasoning.encrypted_content"]}, so
 *       reasoning can be replayed in the next turn; {@code prompt_cache_key} from the session when there is one.</li>
 * </ul>
 * Not sent, because the backend refuses them: the output limit, temperature, top_p, penalties, stop sequences and
 * metadata ({@link #limitations} names what the client asked for of these).
 */
public final class CodexRequests {
    /** The signature origin of the Codex backend: encrypted reasoning it issued is replayed to it and nowhere else. */
    public static final String ORIGIN = "codex";

    /**
     * The signature origin of one ChatGPT account on the Codex backend. Encrypted reasoning is sealed for the account
     * that produced it, so a conversation that moves to another account (failover, round robin) leaves it behind
     * rather than have the backend refuse the turn ({@code invalid_encrypted_content}).
     */
    public static String origin(String accountId) {
        return ORIGIN + "/" + accountId;
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CodexRequests() {}

    /**
     * @param promptCacheKey the conversation's session key, so the backend can reuse its prompt cache across turns
     * @param origin the signature origin whose encrypted reasoning is replayed ({@link #origin(String)})
     */
    public static ObjectNode encode(ChatRequest request, Optional<String> promptCacheKey, String origin) {
        ObjectNode body = JSON.objectNode();
        body.put("model", request.model());
        body.put("instructions", request.system().stream().filter(p -> p instanceof Part.Text)
                .map(p -> ((Part.Text) p).text()).filter(t -> !t.isEmpty()).collect(Collectors.joining("\n\n")));
        body.set("input", CodexInput.items(request.messages(), origin));
        body.set("tools", tools(request.tools()));
        // A choice without tools to choose from is refused, as by OpenAI; without tools "auto" says nothing.
        body.set("tool_choice", request.tools().isEmpty() ? JSON.textNode("auto") : choice(request.toolChoice()));
        body.put("parallel_tool_calls", request.parallelToolCalls().orElse(true));
        reasoning(request.reasoning()).ifPresent(r -> body.set("reasoning", r));
        body.put("store", false);
        body.put("stream", true);
        body.putArray("include").add("reasoning.encrypted_content");
        promptCacheKey.filter(k -> !k.isBlank()).ifPresent(k -> body.put("prompt_cache_key", k));
        format(request.responseFormat()).ifPresent(f -> body.putObject("text").set("format", f));
        return body;
    }

    /** What the request asks that the Codex backend cannot do, in words for {@code X-Nexus-Route}; empty when none. */
    public static List<String> limitations(ChatRequest request) {
        Generation g = request.generation();
        List<String> ignored = new ArrayList<>();
        g.maxOutputTokens().ifPresent(v -> ignored.add("max output tokens"));
        g.temperature().ifPresent(v -> ignored.add("temperature"));
        g.topP().ifPresent(v -> ignored.add("top_p"));
        if (!g.stopSequences().isEmpty()) {
            ignored.add("stop sequences");
        }
        if (g.presencePenalty().isPresent() || g.frequencyPenalty().isPresent()) {
            ignored.add("penalties");
        }
        return ignored.isEmpty() ? List.of()
                : List.of(String.join(", ", ignored) + " ignored: the Codex backend does not take them");
    }

    private static ArrayNode tools(List<Tool> tools) {
        ArrayNode out = JSON.arrayNode();
        for (Tool tool : tools) {
            switch (tool) {
                case Tool.Function f -> {
                    ObjectNode spec = out.addObject().put("type", "function").put("name", f.name());
                    f.description().ifPresent(d -> spec.put("description", d));
                    spec.put("strict", f.strict());
                    spec.set("parameters", f.parameters());
                }
                case Tool.WebSearch w -> out.addObject().put("type", "web_search");
            }
        }
        return out;
    }

    private static JsonNode choice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> JSON.textNode("auto");
            case ToolChoice.None n -> JSON.textNode("none");
            case ToolChoice.Required r -> JSON.textNode("required");
            case ToolChoice.Named n -> JSON.objectNode().put("type", "function").put("name", n.name());
        };
    }

    private static Optional<ObjectNode> reasoning(Reasoning reasoning) {
        Optional<String> effort = RequestEncoder.effort(reasoning);
        boolean off = effort.equals(Optional.of("none"));
        boolean summary = !off && reasoning.includeThoughts()
                .orElse(effort.isPresent() || reasoning.enabled().orElse(false));
        if (effort.isEmpty() && !summary) {
            return Optional.empty();
        }
        ObjectNode out = JSON.objectNode();
        effort.ifPresent(e -> out.put("effort", e));
        if (summary) {
            out.put("summary", "auto");
        }
        return Optional.of(out);
    }

    private static Optional<ObjectNode> format(ResponseFormat format) {
        return switch (format) {
            case ResponseFormat.Text t -> Optional.empty();
            case ResponseFormat.JsonObject o -> Optional.of(JSON.objectNode().put("type", "json_object"));
            case ResponseFormat.JsonSchema s -> {
                ObjectNode spec = JSON.objectNode().put("type", "json_schema").put("name", s.name());
                s.description().ifPresent(d -> spec.put("description", d));
                spec.set("schema", s.schema());
                spec.put("strict", s.strict());
                yield Optional.of(spec);
            }
        };
    }
}
