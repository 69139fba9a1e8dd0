package dev.nexus.provider.cloudcode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.RandomIds;
import dev.nexus.secret.Sha256;
import java.util.Locale;

/**
 * The request shape Cloud Code expects from Antigravity, in one place: the envelope, a session id, VALIDATED
 * function calling when tools are offered, and an identity system instruction for premium models. Requests that
 * deviate were observed to draw 429s and 400s (seed history), so every provider call goes through here.
 */
final class AntigravityShape {
    static final String IDENTITY = "You are Antigravity, a powerful agentic AI coding assistant designed by the Google "
            + "Deepmind team working on Advanced Agentic Coding.";

    private AntigravityShape() {}

    /** Claude models and Gemini 3 Pro: stricter about shape, and answered through the streaming endpoint only. */
    static boolean premium(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return m.contains("claude") || m.contains("gemini-3-pro");
    }

    static ObjectNode envelope(ObjectNode request, String model, String project) {
        adjust(request, model);
        ObjectNode envelope = request.objectNode();
        envelope.put("project", project);
        envelope.put("requestId", "agent-" + RandomIds.uuid());
        envelope.put("model", model);
        envelope.put("userAgent", "antigravity");
        envelope.put("requestType", "agent");
        envelope.set("request", request);
        return envelope;
    }

    static void adjust(ObjectNode request, String model) {
        if (!request.has("sessionId") && !request.has("session_id")) {
            request.put("sessionId", sessionId(request));
        }
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ObjectNode calling = request.with("toolConfig").with("functionCallingConfig");
            String mode = calling.path("mode").asText("AUTO");
            // VALIDATED is AUTO with schema-checked calls; an explicit NONE or ANY from the client is kept.
            if (mode.equals("AUTO")) {
                calling.put("mode", "VALIDATED");
            }
        }
        if (premium(model) && !request.has("systemInstruction")) {
            ObjectNode system = request.putObject("systemInstruction");
            system.put("role", "user");
            system.putArray("parts").addObject().put("text", IDENTITY);
        }
    }

    /**
     * A negative decimal id, as Antigravity sends, derived from the conversation's first user text so that one
     * conversation keeps one session (which helps upstream caching); random when there is no text.
     */
    static String sessionId(ObjectNode request) {
        for (JsonNode content : request.path("contents")) {
            if (content.path("role").asText("user").equals("user")) {
                for (JsonNode part : content.path("parts")) {
                    if (part.has("text") && !part.path("text").asText().isEmpty()) {
                        return "-" + positiveHash(part.path("text").asText());
                    }
                }
            }
        }
        return "-" + Math.abs(RandomIds.uuid().getMostSignificantBits() % 9_000_000_000_000_000_000L);
    }

    private static long positiveHash(String text) {
        byte[] digest = Sha256.of(text);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return Math.abs(value % 9_000_000_000_000_000_000L);
    }
}
