package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Field;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sampling and length ({@code max_tokens} …), {@code thinking} with {@code output_config.effort}, output format, metadata. */
final class OptionsDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OptionsDecoder() {}

    /** {@code max_tokens} is required, as Anthropic requires it. */
    static Generation generation(Field body) {
        Field maxTokens = body.get("max_tokens");
        int max = maxTokens.optInt().orElseThrow(() -> maxTokens.invalid(
                "required; set it to the most tokens the answer may use, e.g. 4096"));
        if (max < 1) {
            throw maxTokens.invalid("got " + max + "; send a positive number of tokens");
        }
        Field topK = body.get("top_k");
        Optional<Integer> k = topK.optInt();
        if (k.isPresent() && k.get() < 0) {
            throw topK.invalid("got " + k.get() + "; send 0 or more, or leave it out");
        }
        List<String> stops = new ArrayList<>();
        for (Field stop : body.get("stop_sequences").optItems()) {
            stops.add(stop.string("send a stop sequence string"));
        }
        return new Generation(body.get("temperature").optNumber(), body.get("top_p").optNumber(), k, Optional.of(max),
                stops, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * {@code thinking}: enabled with a budget; adaptive (effort from {@code output_config.effort}, else left to the
     * upstream); disabled. Thoughts are asked for whenever thinking is on, so signed thinking comes back for replay.
     */
    static Reasoning reasoning(Field body) {
        Optional<Reasoning.Effort> effort = effort(body.get("output_config"));
        Field thinking = body.get("thinking");
        if (!thinking.present()) {
            return Reasoning.UNSPECIFIED;
        }
        thinking.object("send {\"type\": \"enabled\", \"budget_tokens\": N}, {\"type\": \"adaptive\"} or {\"type\": \"disabled\"}");
        String type = thinking.type("set it to enabled, adaptive or disabled");
        return switch (type) {
            case "enabled" -> {
                Field budget = thinking.get("budget_tokens");
                int tokens = budget.optInt().orElseThrow(() -> budget.invalid(
                        "required with type \"enabled\"; set it to the thinking budget in tokens, e.g. 10000"));
                if (tokens < 1) {
                    throw budget.invalid("got " + tokens + "; send a positive budget, or use {\"type\": \"disabled\"}");
                }
                yield new Reasoning(Optional.of(true), Optional.empty(), Optional.of(tokens), Optional.of(true));
            }
            case "adaptive" -> new Reasoning(Optional.of(true), effort, Optional.empty(), Optional.of(true));
            case "disabled" -> new Reasoning(Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty());
            default -> throw thinking.get("type").invalid("unknown thinking type \"" + type + "\"; use enabled, adaptive or disabled");
        };
    }

    /** {@code output_config.effort}: low, medium, high; xhigh and max are the highest level. */
    private static Optional<Reasoning.Effort> effort(Field config) {
        if (!config.present()) {
            return Optional.empty();
        }
        Field field = config.object("").get("effort");
        return field.optString().map(value -> switch (value) {
            case "low" -> Reasoning.Effort.LOW;
            case "medium" -> Reasoning.Effort.MEDIUM;
            case "high" -> Reasoning.Effort.HIGH;
            case "xhigh", "max" -> Reasoning.Effort.XHIGH;
            default -> throw field.invalid("unknown effort \"" + value + "\"; use low, medium, high, xhigh or max");
        });
    }

    /**
     * Structured output: {@code output_config.format} (or the beta's top-level {@code output_format}) of type
     * {@code json_schema} becomes a strict JSON Schema format named "output".
     */
    static ResponseFormat responseFormat(Field body) {
        Field config = body.get("output_config");
        Field format = config.present() ? config.object("").get("format") : config;
        if (!format.present()) {
            format = body.get("output_format");
        }
        if (!format.present()) {
            return ResponseFormat.TEXT;
        }
        format.object("send {\"type\": \"json_schema\", \"schema\": {...}}");
        String type = format.type("set it to json_schema");
        if (!type.equals("json_schema")) {
            throw format.get("type").invalid("unknown output format \"" + type + "\"; use json_schema");
        }
        JsonNode schema = format.get("schema").object("set it to the JSON Schema the answer must match").node().deepCopy();
        return new ResponseFormat.JsonSchema("output", Optional.empty(), schema, true);
    }

    /**
     * {@code metadata.user_id} under "user_id". Claude Code sends it as a JSON object written into a string; its
     * {@code session_id} also goes under "session_id", the gateway's sticky-session key. Other metadata keys are
     * ignored (Anthropic defines none).
     */
    static Map<String, String> metadata(Field body) {
        Field metadata = body.get("metadata");
        Map<String, String> out = new LinkedHashMap<>();
        if (!metadata.present()) {
            return out;
        }
        metadata.object("send {\"user_id\": \"...\"}");
        metadata.get("user_id").optString().filter(id -> !id.isEmpty()).ifPresent(userId -> {
            out.put("user_id", userId);
            sessionId(userId).ifPresent(session -> out.put("session_id", session));
        });
        return out;
    }

    private static Optional<String> sessionId(String userId) {
        if (!userId.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode parsed = JSON.readTree(userId);
            JsonNode session = parsed == null ? null : parsed.get("session_id");
            return session != null && session.isTextual() && !session.textValue().isBlank()
                    ? Optional.of(session.textValue()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
