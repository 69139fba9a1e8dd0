package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GenAI {@code tools}, {@code toolConfig} and {@code generationConfig} as canonical settings. Tools other than
 * function declarations and Google Search ({@code codeExecution}, {@code urlContext}, …) are not offered by the
 * gateway and are left out; so are {@code safetySettings} and {@code cachedContent}.
 */
final class ConfigDecoder {
    private ConfigDecoder() {}

    static List<Tool> tools(JsonNode body) {
        JsonNode tools = Fields.array(body, "tools", "");
        List<Tool> out = new ArrayList<>();
        boolean search = false;
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            Fields.expect(tool.isObject(), tool, path, "an object");
            JsonNode declarations = Fields.array(tool, "functionDeclarations", path);
            for (int j = 0; j < declarations.size(); j++) {
                out.add(function(declarations.get(j), path + ".functionDeclarations[" + j + "]"));
            }
            if (!search && (Wire.has(tool, "googleSearch") || Wire.has(tool, "googleSearchRetrieval"))) {
                out.add(new Tool.WebSearch());
                search = true;
            }
        }
        return out;
    }

    private static Tool.Function function(JsonNode declaration, String path) {
        Fields.expect(declaration.isObject(), declaration, path, "an object");
        JsonNode parameters = Fields.object(declaration, "parametersJsonSchema", path);
        if (parameters.isMissingNode()) {
            parameters = Fields.object(declaration, "parameters", path);
        }
        String name = Fields.requiredString(declaration, "name", path);
        return new Tool.Function(name, Fields.string(declaration, "description", path),
                parameters.isMissingNode() ? Wire.object() : parameters, false);
    }

    static ToolChoice toolChoice(JsonNode body) {
        JsonNode calling = Fields.object(Fields.object(body, "toolConfig", ""), "functionCallingConfig", "toolConfig");
        String path = "toolConfig.functionCallingConfig";
        String mode = Fields.string(calling, "mode", path).orElse("AUTO").toUpperCase(Locale.ROOT);
        JsonNode allowed = Fields.array(calling, "allowedFunctionNames", path);
        return switch (mode) {
            case "AUTO", "VALIDATED", "MODE_UNSPECIFIED" -> ToolChoice.AUTO;
            case "NONE" -> ToolChoice.NONE;
            case "ANY" -> allowed.size() == 1 ? new ToolChoice.Named(allowed.get(0).asText()) : ToolChoice.REQUIRED;
            default -> throw DialectException.invalid(path + ".mode",
                    "expected AUTO, ANY, NONE or VALIDATED, got \"" + mode + "\"");
        };
    }

    static Generation generation(JsonNode config) {
        String path = "generationConfig";
        List<String> stops = new ArrayList<>();
        JsonNode stopSequences = Fields.array(config, "stopSequences", path);
        for (int i = 0; i < stopSequences.size(); i++) {
            Fields.expect(stopSequences.get(i).isTextual(), stopSequences.get(i), path + ".stopSequences[" + i + "]", "a string");
            stops.add(stopSequences.get(i).asText());
        }
        return new Generation(Fields.number(config, "temperature", path), Fields.number(config, "topP", path),
                Fields.integer(config, "topK", path), Fields.integer(config, "maxOutputTokens", path), stops,
                Fields.number(config, "seed", path).map(Double::longValue), Fields.number(config, "presencePenalty", path),
                Fields.number(config, "frequencyPenalty", path), Fields.integer(config, "candidateCount", path));
    }

    /** JSON output: {@code responseJsonSchema} (or the older {@code responseSchema}) makes it a schema. */
    static ResponseFormat responseFormat(JsonNode config) {
        String path = "generationConfig";
        if (!Fields.string(config, "responseMimeType", path).orElse("").equals("application/json")) {
            return ResponseFormat.TEXT;
        }
        JsonNode schema = Fields.object(config, "responseJsonSchema", path);
        if (schema.isMissingNode()) {
            schema = Fields.object(config, "responseSchema", path);
        }
        return schema.isMissingNode() ? new ResponseFormat.JsonObject()
                : new ResponseFormat.JsonSchema("response", Optional.empty(), schema, false);
    }

    /** {@code thinkingBudget} 0 is off and -1 is dynamic (on, no budget); {@code thinkingLevel} is an effort. */
    static Reasoning reasoning(JsonNode config) {
        String path = "generationConfig.thinkingConfig";
        JsonNode thinking = Fields.object(config, "thinkingConfig", "generationConfig");
        Optional<Integer> budget = Fields.integer(thinking, "thinkingBudget", path);
        Optional<Reasoning.Effort> effort = Fields.string(thinking, "thinkingLevel", path).map(l -> l.toUpperCase(Locale.ROOT))
                .filter(l -> !l.equals("THINKING_LEVEL_UNSPECIFIED")).map(l -> level(l, path));
        Optional<Boolean> enabled = budget.map(b -> b != 0).or(() -> effort.map(e -> true));
        return new Reasoning(enabled, effort, budget.filter(b -> b > 0), Fields.bool(thinking, "includeThoughts", path));
    }

    private static Reasoning.Effort level(String level, String path) {
        return switch (level) {
            case "MINIMAL" -> Reasoning.Effort.MINIMAL;
            case "LOW" -> Reasoning.Effort.LOW;
            case "MEDIUM" -> Reasoning.Effort.MEDIUM;
            case "HIGH" -> Reasoning.Effort.HIGH;
            default -> throw DialectException.invalid(path + ".thinkingLevel",
                    "expected MINIMAL, LOW, MEDIUM or HIGH, got \"" + level + "\"");
        };
    }
}
