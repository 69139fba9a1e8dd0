package dev.nexus.dialect.openai;

import dev.nexus.dialect.Field;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code tools}, legacy {@code functions}, {@code web_search_options}, {@code tool_choice} and legacy {@code function_call}. */
final class ToolDecoder {
    private ToolDecoder() {}

    static List<Tool> tools(Field body) {
        List<Tool> tools = new ArrayList<>();
        for (Field tool : body.get("tools").optItems()) {
            tool.object("send {\"type\": \"function\", \"function\": {\"name\", \"parameters\"}}");
            String type = tool.get("type").optString().orElse("function");
            switch (type) {
                case "function" -> tools.add(function(tool.get("function").object("send {\"name\", \"description\", \"parameters\"}")));
                case "custom" -> throw tool.get("type").invalid("custom (free-form text) tools are not supported; declare \""
                        + tool.get("custom").node().path("name").asText("?") + "\" as a function tool with a JSON Schema");
                default -> throw tool.get("type").invalid("unsupported tool type \"" + type + "\"; use \"function\"");
            }
        }
        for (Field function : body.get("functions").optItems()) {
            tools.add(function(function.object("send {\"name\", \"description\", \"parameters\"}")));
        }
        Field webSearch = body.get("web_search_options");
        if (webSearch.present()) {
            webSearch.object("send an object, e.g. {}");
            tools.add(new Tool.WebSearch());
        }
        return tools;
    }

    private static Tool.Function function(Field function) {
        String name = function.get("name").string("set it to the function's name");
        Optional<String> description = function.get("description").optString();
        Field parameters = function.get("parameters");
        JsonNode schema = parameters.present()
                ? parameters.object("send a JSON Schema object").node().deepCopy()
                : emptyObjectSchema();
        boolean strict = function.get("strict").optBool().orElse(false);
        return new Tool.Function(name, description, schema, strict);
    }

    private static ObjectNode emptyObjectSchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    /** {@code tool_choice}, else legacy {@code function_call}, else auto. */
    static ToolChoice choice(Field body) {
        Field choice = body.get("tool_choice");
        if (choice.present()) {
            if (choice.node().isTextual()) {
                return mode(choice, true);
            }
            return named(choice, "\"none\", \"auto\", \"required\" or {\"type\": \"function\", \"function\": {\"name\": ...}}");
        }
        Field legacy = body.get("function_call");
        if (legacy.present()) {
            return legacy.node().isTextual() ? mode(legacy, false) : named(legacy, "\"none\", \"auto\" or {\"name\": ...}");
        }
        return ToolChoice.AUTO;
    }

    private static ToolChoice mode(Field choice, boolean requiredAllowed) {
        String mode = choice.node().textValue();
        if (mode.equals("none")) {
            return ToolChoice.NONE;
        } else if (mode.equals("auto")) {
            return ToolChoice.AUTO;
        } else if (mode.equals("required") && requiredAllowed) {
            return ToolChoice.REQUIRED;
        }
        throw choice.invalid("unknown value \"" + mode + "\"; use none, auto"
                + (requiredAllowed ? ", required" : "") + " or name a function");
    }

    /**
     * An object choice: {@code {"type": "function", "function": {"name"}}}, legacy {@code {"name"}}, or
     * {@code allowed_tools}, honoured as auto (the full tool list stays declared; the upstream picks).
     */
    private static ToolChoice named(Field choice, String expected) {
        if (!choice.node().isObject()) {
            throw choice.wrongType(expected);
        }
        String type = choice.get("type").optString().orElse("function");
        return switch (type) {
            case "function" -> {
                Field function = choice.get("function").present() ? choice.get("function").object("") : choice;
                yield new ToolChoice.Named(function.get("name").string("set it to the function to call"));
            }
            case "allowed_tools" -> ToolChoice.AUTO;
            default -> throw choice.get("type").invalid("unsupported tool_choice type \"" + type + "\"; use \"function\"");
        };
    }
}
