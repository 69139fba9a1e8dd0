package dev.nexus.dialect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Generation;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.ResponseFormat;
import dev.nexus.chat.Signature;
import dev.nexus.chat.Tool;
import dev.nexus.chat.ToolChoice;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A compact JSON rendering of a {@link ChatRequest} for fixtures. Defaults are left out (auto tool choice, text format,
 * unspecified reasoning, no stream, …) so a fixture shows only what the client said. Parts: text is a bare string;
 * {@code {"media", "inline"|"url", "filename"}}; {@code {"call", "name", "args"}}; {@code {"result", "name",
 * "content"}}; {@code {"thinking"}}. Messages: {@code {"user": [parts]}} or {@code {"assistant": [parts]}}.
 */
public final class CanonicalJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CanonicalJson() {}

    public static ObjectNode request(ChatRequest r) {
        ObjectNode out = JSON.objectNode().put("model", r.model());
        if (!r.system().isEmpty()) {
            out.set("system", parts(r.system()));
        }
        ArrayNode messages = out.putArray("messages");
        for (Message m : r.messages()) {
            messages.addObject().set(m.role().name().toLowerCase(Locale.ROOT), parts(m.parts()));
        }
        if (!r.tools().isEmpty()) {
            ArrayNode tools = out.putArray("tools");
            r.tools().forEach(t -> tools.add(tool(t)));
        }
        switch (r.toolChoice()) {
            case ToolChoice.Auto a -> { }
            case ToolChoice.None n -> out.put("toolChoice", "none");
            case ToolChoice.Required q -> out.put("toolChoice", "required");
            case ToolChoice.Named n -> out.putObject("toolChoice").put("named", n.name());
        }
        r.parallelToolCalls().ifPresent(p -> out.put("parallelToolCalls", p));
        ObjectNode generation = generation(r.generation());
        if (!generation.isEmpty()) {
            out.set("generation", generation);
        }
        switch (r.responseFormat()) {
            case ResponseFormat.Text t -> { }
            case ResponseFormat.JsonObject o -> out.put("responseFormat", "json_object");
            case ResponseFormat.JsonSchema s -> {
                ObjectNode schema = out.putObject("responseFormat").putObject("jsonSchema").put("name", s.name());
                s.description().ifPresent(d -> schema.put("description", d));
                schema.set("schema", s.schema());
                schema.put("strict", s.strict());
            }
        }
        if (!r.reasoning().equals(Reasoning.UNSPECIFIED)) {
            ObjectNode reasoning = out.putObject("reasoning");
            r.reasoning().enabled().ifPresent(e -> reasoning.put("enabled", e));
            r.reasoning().effort().ifPresent(e -> reasoning.put("effort", e.name()));
            r.reasoning().budgetTokens().ifPresent(b -> reasoning.put("budgetTokens", b));
            r.reasoning().includeThoughts().ifPresent(i -> reasoning.put("includeThoughts", i));
        }
        if (r.stream()) {
            out.put("stream", true);
        }
        if (r.includeUsageInStream()) {
            out.put("includeUsage", true);
        }
        if (!r.metadata().isEmpty()) {
            ObjectNode metadata = out.putObject("metadata");
            new TreeMap<>(r.metadata()).forEach(metadata::put);
        }
        return out;
    }

    public static ArrayNode parts(List<Part> parts) {
        ArrayNode out = JSON.arrayNode();
        for (Part part : parts) {
            switch (part) {
                case Part.Text t -> out.add(t.text());
                case Part.Media m -> {
                    ObjectNode media = out.addObject().put("media", m.mediaType());
                    switch (m.source()) {
                        case Part.Source.Inline i -> media.put("inline", i.base64());
                        case Part.Source.Url u -> media.put("url", u.url());
                    }
                    m.filename().ifPresent(f -> media.put("filename", f));
                }
                case Part.ToolCall c -> signature(out.addObject().put("call", c.id()).put("name", c.name())
                        .put("args", c.arguments()), c.signature());
                case Part.ToolResult r -> {
                    ObjectNode result = out.addObject().put("result", r.callId()).put("name", r.name());
                    result.set("content", parts(r.content()));
                    if (r.isError()) {
                        result.put("error", true);
                    }
                }
                case Part.Thinking t -> {
                    ObjectNode thinking = signature(out.addObject().put("thinking", t.text()), t.signature());
                    if (t.redacted()) {
                        thinking.put("redacted", true);
                    }
                }
            }
        }
        return out;
    }

    private static ObjectNode signature(ObjectNode node, Optional<Signature> signature) {
        signature.ifPresent(s -> node.putArray("signature").add(s.value()).add(s.origin()));
        return node;
    }

    private static ObjectNode tool(Tool tool) {
        return switch (tool) {
            case Tool.WebSearch w -> JSON.objectNode().put("webSearch", true);
            case Tool.Function f -> {
                ObjectNode function = JSON.objectNode().put("function", f.name());
                f.description().ifPresent(d -> function.put("description", d));
                function.set("parameters", f.parameters());
                if (f.strict()) {
                    function.put("strict", true);
                }
                yield function;
            }
        };
    }

    private static ObjectNode generation(Generation g) {
        ObjectNode out = JSON.objectNode();
        g.temperature().ifPresent(v -> out.put("temperature", v));
        g.topP().ifPresent(v -> out.put("topP", v));
        g.topK().ifPresent(v -> out.put("topK", v));
        g.maxOutputTokens().ifPresent(v -> out.put("maxOutputTokens", v));
        if (!g.stopSequences().isEmpty()) {
            ArrayNode stop = out.putArray("stop");
            g.stopSequences().forEach(stop::add);
        }
        g.seed().ifPresent(v -> out.put("seed", v));
        g.presencePenalty().ifPresent(v -> out.put("presencePenalty", v));
        g.frequencyPenalty().ifPresent(v -> out.put("frequencyPenalty", v));
        g.candidateCount().ifPresent(v -> out.put("candidateCount", v));
        return out;
    }
}
