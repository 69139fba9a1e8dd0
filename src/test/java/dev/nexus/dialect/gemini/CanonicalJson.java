package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import dev.nexus.chat.Role;
import dev.nexus.chat.Signature;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A compact JSON spelling of a {@link ChatRequest}, for fixtures only. Absent fields take {@link ChatRequest#of}'s
 * defaults. Messages are {@code {"user": [parts]}} or {@code {"assistant": [parts]}}; parts are
 * {@code {"text"}}, {@code {"media":{"type","inline"|"url","filename"}}},
 * {@code {"call":{"id","name","args","sig":[value, origin]}}}, {@code {"result":{"id","name","content":[parts],"error"}}},
 * {@code {"thinking":{"text","sig":[value, origin],"redacted"}}}. Tools are {@code {"function":{…}}} or
 * {@code {"webSearch":{}}}; toolChoice is {@code "auto" | "none" | "required" | {"named": name}}.
 */
final class CanonicalJson {
    private CanonicalJson() {}

    static ChatRequest request(JsonNode r) {
        ChatRequest defaults = ChatRequest.of("test-model", List.of());
        return new ChatRequest(r.path("model").asText(defaults.model()), list(r.path("system"), CanonicalJson::part),
                list(r.path("messages"), CanonicalJson::message), list(r.path("tools"), CanonicalJson::tool),
                toolChoice(r.path("toolChoice")), Optional.empty(), generation(r.path("generation")),
                responseFormat(r.path("responseFormat")), reasoning(r.path("reasoning")), r.path("stream").asBoolean(false),
                false, Map.of());
    }

    /** {@code {"model", "origin"}} as a target. */
    static GeminiTarget target(JsonNode t) {
        return new GeminiTarget(t.path("model").asText(), t.path("origin").asText());
    }

    static Message message(JsonNode m) {
        Role role = m.has("assistant") ? Role.ASSISTANT : Role.USER;
        return new Message(role, list(m.path(role == Role.ASSISTANT ? "assistant" : "user"), CanonicalJson::part));
    }

    static Part part(JsonNode p) {
        if (p.has("text")) {
            return new Part.Text(p.get("text").asText());
        }
        if (p.has("media")) {
            JsonNode m = p.get("media");
            Part.Source source = m.has("inline") ? new Part.Source.Inline(m.get("inline").asText())
                    : new Part.Source.Url(m.path("url").asText());
            return new Part.Media(m.path("type").asText(""), source, text(m, "filename"));
        }
        if (p.has("call")) {
            JsonNode c = p.get("call");
            return new Part.ToolCall(c.path("id").asText(""), c.path("name").asText(), c.path("args").asText("{}"), signature(c));
        }
        if (p.has("result")) {
            JsonNode r = p.get("result");
            return new Part.ToolResult(r.path("id").asText(""), r.path("name").asText(""),
                    list(r.path("content"), CanonicalJson::part), r.path("error").asBoolean(false));
        }
        JsonNode t = p.get("thinking");
        return new Part.Thinking(t.path("text").asText(""), signature(t), t.path("redacted").asBoolean(false));
    }

    private static Tool tool(JsonNode t) {
        if (t.has("webSearch")) {
            return new Tool.WebSearch();
        }
        JsonNode f = t.get("function");
        return new Tool.Function(f.path("name").asText(), text(f, "description"), f.path("parameters"),
                f.path("strict").asBoolean(false));
    }

    private static ToolChoice toolChoice(JsonNode c) {
        if (c.has("named")) {
            return new ToolChoice.Named(c.get("named").asText());
        }
        return switch (c.asText("auto")) {
            case "none" -> ToolChoice.NONE;
            case "required" -> ToolChoice.REQUIRED;
            default -> ToolChoice.AUTO;
        };
    }

    private static Generation generation(JsonNode g) {
        return new Generation(number(g, "temperature"), number(g, "topP"), integer(g, "topK"), integer(g, "maxOutputTokens"),
                list(g.path("stopSequences"), JsonNode::asText),
                g.has("seed") ? Optional.of(g.get("seed").asLong()) : Optional.empty(),
                number(g, "presencePenalty"), number(g, "frequencyPenalty"), integer(g, "candidateCount"));
    }

    private static ResponseFormat responseFormat(JsonNode f) {
        if (f.has("jsonSchema")) {
            JsonNode s = f.get("jsonSchema");
            return new ResponseFormat.JsonSchema(s.path("name").asText(), text(s, "description"), s.path("schema"),
                    s.path("strict").asBoolean());
        }
        return f.asText("text").equals("jsonObject") ? new ResponseFormat.JsonObject() : ResponseFormat.TEXT;
    }

    private static Reasoning reasoning(JsonNode r) {
        return new Reasoning(r.has("enabled") ? Optional.of(r.get("enabled").asBoolean()) : Optional.empty(),
                text(r, "effort").map(Reasoning.Effort::valueOf), integer(r, "budgetTokens"),
                r.has("includeThoughts") ? Optional.of(r.get("includeThoughts").asBoolean()) : Optional.empty());
    }

    private static Optional<Signature> signature(JsonNode node) {
        JsonNode sig = node.path("sig");
        return sig.isArray() ? Optional.of(new Signature(sig.get(0).asText(), sig.get(1).asText())) : Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static Optional<Double> number(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asDouble()) : Optional.empty();
    }

    private static Optional<Integer> integer(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asInt()) : Optional.empty();
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
        List<T> out = new ArrayList<>();
        array.forEach(node -> out.add(item.apply(node)));
        return out;
    }
}
