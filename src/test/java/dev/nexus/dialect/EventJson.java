package dev.nexus.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.Signature;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.Usage;
import dev.nexus.chat.WebSources;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical events in a compact JSON form for fixtures, one single-key object per event:
 * <pre>
 * {"start": [id, model]}           {"open": [index, "text" | "thinking"]}   {"open": [index, "tool", id, name]}
 * {"text": [index, text]}          {"thinking": [index, text]}              {"args": [index, fragment]}
 * {"signature": [index, value, origin]}   {"close": index}   {"usage": [in, out, cached, reasoning]}
 * {"finish": [REASON, [in, out, cached, reasoning]]}         {"failure": [status, KIND, message]}
 * </pre>
 */
public final class EventJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EventJson() {}

    public static List<ChatEvent> read(JsonNode events) {
        List<ChatEvent> out = new ArrayList<>();
        events.forEach(e -> out.add(event(e)));
        return out;
    }

    private static ChatEvent event(JsonNode e) {
        String kind = e.fieldNames().next();
        JsonNode a = e.get(kind);
        return switch (kind) {
            case "start" -> new ChatEvent.MessageStart(a.get(0).asText(), a.get(1).asText());
            case "open" -> new ChatEvent.BlockStart(a.get(0).asInt(), switch (a.get(1).asText()) {
                case "text" -> new Block.Text();
                case "thinking" -> new Block.Thinking();
                default -> new Block.ToolCall(a.get(2).asText(), a.get(3).asText());
            });
            case "text" -> new ChatEvent.TextDelta(a.get(0).asInt(), a.get(1).asText());
            case "thinking" -> new ChatEvent.ThinkingDelta(a.get(0).asInt(), a.get(1).asText());
            case "args" -> new ChatEvent.ToolArgsDelta(a.get(0).asInt(), a.get(1).asText());
            case "signature" -> new ChatEvent.SignatureDelta(a.get(0).asInt(), new Signature(a.get(1).asText(), a.get(2).asText()));
            case "close" -> new ChatEvent.BlockStop(a.asInt());
            case "usage" -> new ChatEvent.UsageUpdate(usage(a));
            case "sources" -> new ChatEvent.Sources(sources(a));
            case "finish" -> new ChatEvent.Finish(StopReason.valueOf(a.get(0).asText()), usage(a.get(1)));
            case "failure" -> new ChatEvent.Failure(UpstreamError.of(a.get(0).asInt(),
                    UpstreamError.Kind.valueOf(a.get(1).asText()), a.get(2).asText()));
            default -> throw new IllegalArgumentException("unknown event " + e);
        };
    }

    private static Usage usage(JsonNode a) {
        return new Usage(a.get(0).asLong(), a.get(1).asLong(), a.get(2).asLong(), a.get(3).asLong());
    }

    public static ArrayNode write(List<ChatEvent> events) {
        ArrayNode out = JSON.arrayNode();
        for (ChatEvent event : events) {
            ObjectNode e = out.addObject();
            switch (event) {
                case ChatEvent.MessageStart s -> e.putArray("start").add(s.id()).add(s.model());
                case ChatEvent.BlockStart s -> {
                    ArrayNode a = e.putArray("open").add(s.index());
                    switch (s.block()) {
                        case Block.Text t -> a.add("text");
                        case Block.Thinking t -> a.add("thinking");
                        case Block.ToolCall c -> a.add("tool").add(c.id()).add(c.name());
                    }
                }
                case ChatEvent.TextDelta d -> e.putArray("text").add(d.index()).add(d.text());
                case ChatEvent.ThinkingDelta d -> e.putArray("thinking").add(d.index()).add(d.text());
                case ChatEvent.ToolArgsDelta d -> e.putArray("args").add(d.index()).add(d.jsonFragment());
                case ChatEvent.SignatureDelta d -> e.putArray("signature").add(d.index()).add(d.signature().value())
                        .add(d.signature().origin());
                case ChatEvent.BlockStop s -> e.put("close", s.index());
                case ChatEvent.UsageUpdate u -> e.set("usage", usage(u.usage()));
                case ChatEvent.Sources s -> e.set("sources", sources(s.sources()));
                case ChatEvent.Finish f -> e.putArray("finish").add(f.reason().name()).add(usage(f.usage()));
                case ChatEvent.Failure f -> e.putArray("failure").add(f.error().status()).add(f.error().kind().name())
                        .add(f.error().message());
            }
        }
        return out;
    }

    /** {@code {"queries":[…], "sources":[[url, title]…], "citations":[[start, end, [source…]]…]}} */
    private static WebSources sources(JsonNode a) {
        List<String> queries = new ArrayList<>();
        a.path("queries").forEach(q -> queries.add(q.asText()));
        List<WebSources.Source> sources = new ArrayList<>();
        a.path("sources").forEach(s -> sources.add(new WebSources.Source(s.get(0).asText(), s.get(1).asText())));
        List<WebSources.Citation> citations = new ArrayList<>();
        a.path("citations").forEach(c -> {
            List<Integer> cited = new ArrayList<>();
            c.get(2).forEach(i -> cited.add(i.asInt()));
            citations.add(new WebSources.Citation(c.get(0).asInt(), c.get(1).asInt(), cited));
        });
        return new WebSources(queries, sources, citations);
    }

    private static ObjectNode sources(WebSources w) {
        ObjectNode json = JSON.objectNode();
        ArrayNode queries = json.putArray("queries");
        w.queries().forEach(queries::add);
        ArrayNode sources = json.putArray("sources");
        w.sources().forEach(s -> sources.addArray().add(s.url()).add(s.title()));
        ArrayNode citations = json.putArray("citations");
        w.citations().forEach(c -> {
            ArrayNode cited = citations.addArray().add(c.start()).add(c.end()).addArray();
            c.sources().forEach(cited::add);
        });
        return json;
    }

    private static ArrayNode usage(Usage u) {
        return JSON.arrayNode().add(u.inputTokens()).add(u.outputTokens()).add(u.cachedInputTokens()).add(u.reasoningTokens());
    }
}
