package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.List;
import java.util.Optional;

/**
 * Tools and tool choice. Functions go into one {@code functionDeclarations} group with cleaned schemas and
 * upstream-safe names; web search is a separate {@code googleSearch} tool. {@code toolConfig} is omitted for AUTO
 * (Gemini's default) and when there are no functions to choose from.
 */
final class ToolsEncoder {
    private ToolsEncoder() {}

    /** Claude models behind Cloud Code have no Google Search grounding; their web-search tools are omitted. */
    static boolean searchSupported(GeminiTarget target) {
        return !target.isClaude();
    }

    static Optional<ArrayNode> tools(List<Tool> tools, ToolNames names, GeminiTarget target) {
        ArrayNode out = Wire.JSON.arrayNode();
        ArrayNode declarations = Wire.JSON.arrayNode();
        boolean search = false;
        SchemaCleaner.Budget inlining = SchemaCleaner.Budget.perRequest();
        for (Tool tool : tools) {
            switch (tool) {
                case Tool.Function function -> {
                    ObjectNode declaration = declarations.addObject().put("name", names.safe(function.name()));
                    function.description().filter(d -> !d.isBlank()).ifPresent(d -> declaration.put("description", d));
                    declaration.set("parameters", SchemaCleaner.clean(function.parameters(), inlining));
                }
                case Tool.WebSearch ignored -> search = searchSupported(target);
            }
        }
        if (!declarations.isEmpty()) {
            out.addObject().set("functionDeclarations", declarations);
        }
        if (search) {
            out.addObject().putObject("googleSearch");
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    static Optional<ObjectNode> toolConfig(ToolChoice choice, List<Tool> tools, ToolNames names) {
        if (tools.stream().noneMatch(t -> t instanceof Tool.Function)) {
            return Optional.empty();
        }
        ObjectNode config = Wire.object();
        ObjectNode calling = config.putObject("functionCallingConfig");
        switch (choice) {
            case ToolChoice.Auto ignored -> {
                return Optional.empty();
            }
            case ToolChoice.None ignored -> calling.put("mode", "NONE");
            case ToolChoice.Required ignored -> calling.put("mode", "ANY");
            case ToolChoice.Named named -> {
                calling.put("mode", "ANY");
                calling.putArray("allowedFunctionNames").add(names.safe(named.name()));
            }
        }
        return Optional.of(config);
    }
}
