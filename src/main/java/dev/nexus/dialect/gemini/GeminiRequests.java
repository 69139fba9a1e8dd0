package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GenerateContentRequest JSON ⇄ {@link ChatRequest}, both directions, no I/O. */
public final class GeminiRequests {
    private GeminiRequests() {}

    /**
     * Encodes a canonical request for a Gemini-shaped upstream: {@code contents}, {@code systemInstruction},
     * {@code tools}, {@code toolConfig} and {@code generationConfig}, each omitted when empty. Pure; the request is
     * not modified.
     */
    public static GeminiEncoded encode(ChatRequest request, GeminiTarget target) {
        ToolNames names = ToolNames.of(clientToolNames(request));
        ObjectNode body = Wire.object();
        body.set("contents", ContentsEncoder.contents(request.messages(), target, names));
        ContentsEncoder.systemInstruction(request.system()).ifPresent(s -> body.set("systemInstruction", s));
        ToolsEncoder.tools(request.tools(), names, target).ifPresent(t -> body.set("tools", t));
        ToolsEncoder.toolConfig(request.toolChoice(), request.tools(), names).ifPresent(c -> body.set("toolConfig", c));
        GenerationConfigEncoder.encode(request, target).ifPresent(c -> body.set("generationConfig", c));
        return new GeminiEncoded(body, names);
    }

    /**
     * What the target cannot do of what the request asks, in words for {@code X-Nexus-Route}; empty when it can do
     * everything. The encoder leaves such parts out.
     */
    public static java.util.List<String> limitations(ChatRequest request, GeminiTarget target) {
        boolean wantsSearch = request.tools().stream().anyMatch(t -> t instanceof dev.nexus.chat.Tool.WebSearch);
        return wantsSearch && !ToolsEncoder.searchSupported(target)
                ? java.util.List.of("web search omitted: " + target.model() + " has no Google Search grounding")
                : java.util.List.of();
    }

    /**
     * Decodes a GenAI GenerateContentRequest from a client (camelCase or snake_case fields). Signatures Nexus gave the
     * client come back with their origin; any other gets origin {@code "client"}, so it is never replayed upstream
     * ({@link ThoughtSignatures}).
     *
     * @param model the model named in the URL
     * @param stream whether the client called {@code streamGenerateContent}
     * @throws DialectException (400) naming the field, the problem and the fix
     */
    public static ChatRequest decode(JsonNode body, String model, boolean stream) {
        if (body == null || !body.isObject()) {
            throw DialectException.invalid("request", "expected a JSON object with contents");
        }
        JsonNode config = Fields.object(body, "generationConfig", "");
        return new ChatRequest(model, ContentsDecoder.system(Wire.field(body, "systemInstruction")),
                ContentsDecoder.messages(Wire.field(body, "contents")), ConfigDecoder.tools(body), ConfigDecoder.toolChoice(body),
                Optional.empty(), ConfigDecoder.generation(config), ConfigDecoder.responseFormat(config),
                ConfigDecoder.reasoning(config), stream, false, Map.of());
    }

    /** Every tool name the request mentions, declarations first, so the mapping is the same on every turn. */
    private static List<String> clientToolNames(ChatRequest request) {
        List<String> names = new ArrayList<>();
        for (Tool tool : request.tools()) {
            if (tool instanceof Tool.Function function) {
                names.add(function.name());
            }
        }
        if (request.toolChoice() instanceof ToolChoice.Named named) {
            names.add(named.name());
        }
        for (Message message : request.messages()) {
            for (Part part : message.parts()) {
                switch (part) {
                    case Part.ToolCall call -> names.add(call.name());
                    case Part.ToolResult result when !result.name().isBlank() -> names.add(result.name());
                    default -> { }
                }
            }
        }
        return names;
    }
}
