package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Field;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tools} and {@code tool_choice}. Client tools ({@code input_schema}, no type or type {@code custom}) become
 * functions with their schema as sent; Anthropic's web search becomes the upstream's web search; every other server
 * tool (bash, text editor, computer use, code execution, web fetch, memory, MCP toolsets…) runs on Anthropic's side
 * only, so it is dropped and named in a note. One instance per request.
 */
final class ToolDecoder {
    private final List<String> notes;
    private final Set<String> dropped = new HashSet<>();

    ToolDecoder(List<String> notes) {
        this.notes = notes;
    }

    List<Tool> tools(Field body) {
        List<Tool> tools = new ArrayList<>();
        boolean webSearch = false;
        for (Field tool : body.get("tools").optItems()) {
            tool.object("send {\"name\", \"description\", \"input_schema\"}");
            String type = tool.get("type").optString().orElse("custom");
            if (type.equals("custom")) {
                tools.add(function(tool));
            } else if (type.startsWith("web_search")) {
                if (!webSearch) {
                    tools.add(new Tool.WebSearch());
                }
                webSearch = true;
            } else {
                tool.get("name").optString().ifPresent(dropped::add);
                notes.add("dropped server tool " + type);
            }
        }
        return tools;
    }

    private static Tool.Function function(Field tool) {
        String name = tool.get("name").string("set it to the tool's name");
        Field schema = tool.get("input_schema");
        schema.object("set it to the JSON Schema of the tool's input, e.g. {\"type\": \"object\", \"properties\": {}}");
        return new Tool.Function(name, tool.get("description").optString(), schema.node().deepCopy(),
                tool.get("strict").optBool().orElse(false));
    }

    /**
     * auto, any (some tool), tool (that tool), none. A choice naming a dropped server tool cannot be honoured: it
     * becomes auto, with a note.
     */
    ToolChoice choice(Field body) {
        Field choice = body.get("tool_choice");
        if (!choice.present()) {
            return ToolChoice.AUTO;
        }
        choice.object("send {\"type\": \"auto\" | \"any\" | \"none\"} or {\"type\": \"tool\", \"name\": ...}");
        String type = choice.type("set it to auto, any, tool or none");
        return switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> {
                String name = choice.get("name").string("set it to the name of the tool to call");
                if (dropped.contains(name)) {
                    notes.add("tool_choice named dropped server tool " + name + "; using auto");
                    yield ToolChoice.AUTO;
                }
                yield new ToolChoice.Named(name);
            }
            default -> throw choice.get("type").invalid("unknown tool_choice type \"" + type + "\"; use auto, any, tool or none");
        };
    }

    /** {@code disable_parallel_tool_use: true} allows at most one call; false is Anthropic's default. */
    static Optional<Boolean> parallel(Field body) {
        Field choice = body.get("tool_choice");
        if (!choice.present() || !choice.node().isObject()) {
            return Optional.empty();
        }
        return choice.get("disable_parallel_tool_use").optBool().filter(disabled -> disabled).map(disabled -> false);
    }
}
