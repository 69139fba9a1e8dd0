package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.fake.Reply.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a successful {@link Reply} into answers of one surface: one per chunk for a stream, one merged for unary.
 * Cloud Code wraps each GenerateContentResponse in {@code {"response":…,"traceId":…}}; the Gemini API and Vertex send
 * it bare, Vertex with {@code createTime} and a traffic type in the usage.
 */
final class ReplyRenderer {

    /** The API whose shape the answers take. */
    enum Surface { CLOUD_CODE, GEMINI_API, VERTEX }

    /**
     * The request-side facts a reply is rendered against.
     *
     * @param searchable whether the request offered the {@code googleSearch} tool, without which Google never grounds
     */
    record Turn(String model, int promptTokens, Instant now, boolean searchable) {

        Turn(String model, JsonNode request, Instant now) {
            this(model, TokenEstimate.ofRequest(request), now, offersSearch(request));
        }

        private static boolean offersSearch(JsonNode request) {
            for (JsonNode tool : request.path("tools")) {
                if (tool.has("googleSearch") || tool.has("google_search")) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Reply reply;
    private final Turn turn;
    private final String responseId;
    private final String traceId;
    private final Usage usage;
    private final Surface surface;

    ReplyRenderer(Reply reply, Turn turn) {
        this(reply, turn, Surface.CLOUD_CODE);
    }

    ReplyRenderer(Reply reply, Turn turn, Surface surface) {
        this.surface = surface;
        this.reply = reply;
        this.turn = turn;
        this.responseId = reply.responseId != null ? reply.responseId : Tokens.random(12);
        this.traceId = reply.traceId != null ? reply.traceId : Long.toHexString(System.nanoTime() ^ turn.now().toEpochMilli());
        this.usage = reply.usage != null ? reply.usage : estimateUsage();
    }

    /** The JSON of every SSE event, in order, including a trailing in-stream error when the reply has one. */
    List<String> events() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < reply.chunks.size(); i++) {
            events.add(Json.write(chunkEnvelope(reply.chunks.get(i), i == reply.chunks.size() - 1)));
        }
        if (reply.streamError != null) {
            events.add(Json.write(GoogleErrors.render(reply.streamError, turn.model(), turn.now())));
        }
        return events;
    }

    /** The generateContent answer: the same chunks as one candidate, with the final finishReason and usage. */
    ObjectNode unary() {
        List<ReplyPart> merged = new ArrayList<>();
        for (Chunk chunk : reply.chunks) {
            if (chunk instanceof Chunk.Parts p) {
                p.parts().forEach(part -> append(merged, part));
            }
        }
        return envelope(candidate(merged, true), usageJson(usage));
    }

    private ObjectNode chunkEnvelope(Chunk chunk, boolean last) {
        ObjectNode usageJson = usageJson(last ? usage : Usage.of(usage.promptTokenCount(), 0, 0, usage.cachedContentTokenCount()));
        return switch (chunk) {
            case Chunk.Parts p -> envelope(candidate(p.parts(), last), usageJson);
            // The terminal event must still say why generation stopped, so it keeps a bare candidate.
            case Chunk.UsageOnly u -> envelope(last ? candidate(List.of(), true) : null, usageJson);
        };
    }

    private ObjectNode envelope(ObjectNode candidate, ObjectNode usageJson) {
        ObjectNode response = Json.object();
        if (candidate != null) {
            response.putArray("candidates").add(candidate);
        }
        response.set("usageMetadata", usageJson);
        if (surface == Surface.VERTEX) {
            usageJson.put("trafficType", "ON_DEMAND");
        }
        response.put("modelVersion", reply.modelVersion != null ? reply.modelVersion : turn.model());
        if (surface != Surface.GEMINI_API) {
            response.put("createTime", turn.now().truncatedTo(ChronoUnit.MILLIS).toString());
        }
        response.put("responseId", responseId);
        if (surface != Surface.CLOUD_CODE) {
            return response;
        }
        ObjectNode envelope = Json.object();
        envelope.set("response", response);
        envelope.put("traceId", traceId);
        return envelope;
    }

    private ObjectNode candidate(List<ReplyPart> parts, boolean last) {
        ObjectNode candidate = Json.object();
        if (!parts.isEmpty()) {
            ObjectNode content = candidate.putObject("content").put("role", "model");
            ArrayNode array = content.putArray("parts");
            parts.forEach(part -> array.add(part.toJson()));
        }
        if (last) {
            candidate.put("finishReason", reply.finishReason);
            if (reply.grounding != null && turn.searchable()) {
                candidate.set("groundingMetadata", grounding(reply.grounding));
            }
        }
        return candidate;
    }

    /** As Google writes it: segment offsets are UTF-8 byte offsets into the whole answer text, 0 left out (proto3). */
    private ObjectNode grounding(Reply.Grounding grounding) {
        StringBuilder answer = new StringBuilder();
        for (Chunk chunk : reply.chunks) {
            if (chunk instanceof Chunk.Parts p) {
                p.parts().forEach(part -> {
                    if (part instanceof ReplyPart.Text t) {
                        answer.append(t.text());
                    }
                });
            }
        }
        ObjectNode metadata = Json.object();
        ArrayNode queries = metadata.putArray("webSearchQueries");
        grounding.queries().forEach(queries::add);
        metadata.putObject("searchEntryPoint").put("renderedContent", "<div class=\"container\">search suggestions</div>");
        ArrayNode chunks = metadata.putArray("groundingChunks");
        grounding.pages().forEach(page -> chunks.addObject().putObject("web").put("uri", page.uri()).put("title", page.title()));
        ArrayNode supports = metadata.putArray("groundingSupports");
        for (Reply.Support support : grounding.supports()) {
            int at = answer.indexOf(support.text());
            if (at < 0) {
                throw new IllegalArgumentException("scripted citation \"" + support.text() + "\" is not in the answer text");
            }
            int start = utf8(answer.substring(0, at));
            ObjectNode segment = Json.object();
            if (start > 0) {
                segment.put("startIndex", start);
            }
            segment.put("endIndex", start + utf8(support.text())).put("text", support.text());
            ObjectNode entry = supports.addObject();
            entry.set("segment", segment);
            ArrayNode indices = entry.putArray("groundingChunkIndices");
            support.pages().forEach(indices::add);
        }
        return metadata;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    // Google's unary answers carry a text run as one part; signatures pin a part, so signed parts never merge.
    private static void append(List<ReplyPart> merged, ReplyPart part) {
        ReplyPart previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        if (previous instanceof ReplyPart.Text a && part instanceof ReplyPart.Text b) {
            merged.set(merged.size() - 1, new ReplyPart.Text(a.text() + b.text()));
        } else if (previous instanceof ReplyPart.Thought a && part instanceof ReplyPart.Thought b) {
            merged.set(merged.size() - 1, new ReplyPart.Thought(a.text() + b.text()));
        } else {
            merged.add(part);
        }
    }

    private Usage estimateUsage() {
        long visible = 0;
        long thought = 0;
        for (Chunk chunk : reply.chunks) {
            if (!(chunk instanceof Chunk.Parts p)) {
                continue;
            }
            for (ReplyPart part : p.parts()) {
                switch (part) {
                    case ReplyPart.Text t -> visible += t.text().length();
                    case ReplyPart.Thought t -> thought += t.text().length();
                    case ReplyPart.Signature s -> { }
                    case ReplyPart.FunctionCall c -> visible += Json.write(c.toJson()).length();
                }
            }
        }
        return Usage.of(turn.promptTokens(), Math.max(1, TokenEstimate.ofChars(visible)), TokenEstimate.ofChars(thought), 0);
    }

    private static ObjectNode usageJson(Usage usage) {
        ObjectNode node = Json.object();
        putIfPositive(node, "promptTokenCount", usage.promptTokenCount());
        putIfPositive(node, "candidatesTokenCount", usage.candidatesTokenCount());
        putIfPositive(node, "thoughtsTokenCount", usage.thoughtsTokenCount());
        putIfPositive(node, "cachedContentTokenCount", usage.cachedContentTokenCount());
        putIfPositive(node, "totalTokenCount", usage.totalTokenCount());
        return node;
    }

    private static void putIfPositive(ObjectNode node, String name, int value) {
        if (value > 0) {
            node.put(name, value);
        }
    }
}
