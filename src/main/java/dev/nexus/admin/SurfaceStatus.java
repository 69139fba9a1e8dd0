package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One client-facing API of this server, as the dashboard lists it: where clients send requests, and whether it can
 * answer now (with what to do when it cannot).
 *
 * @param id stable identifier, e.g. {@code anthropic}
 * @param path the path clients call (model placeholders in braces)
 * @param note why it is not ready and the fix, or what serves it
 */
record SurfaceStatus(String id, String name, String path, boolean ready, String note) {

    /**
     * @param usableGoogle active Google accounts (the pool that serves the dialect surfaces)
     */
    static List<SurfaceStatus> all(long usableGoogle, boolean gemini, boolean vertex) {
        boolean pool = usableGoogle > 0;
        String poolNote = pool ? usableGoogle + " active Google account" + (usableGoogle == 1 ? "" : "s")
                : "no active Google account: add one (Accounts → Add account), or route models to gemini or vertex";
        return List.of(
                new SurfaceStatus("openai_chat", "OpenAI Chat Completions", "/v1/chat/completions", pool, poolNote),
                new SurfaceStatus("openai_responses", "OpenAI Responses", "/v1/responses", pool, poolNote),
                new SurfaceStatus("anthropic", "Anthropic Messages", "/anthropic/v1/messages", pool, poolNote),
                new SurfaceStatus("genai", "Google GenAI", "/genai/v1beta/models/{model}:generateContent", pool, poolNote),
                new SurfaceStatus("gemini_api", "Gemini API key proxy", "/v1beta/models/{model}:generateContent", gemini,
                        gemini ? "relayed with the server's Gemini API keys" : "set NEXUS_GEMINI_API_KEYS and restart"),
                new SurfaceStatus("vertex", "Vertex AI key proxy", "/v1/publishers/google/models/{model}:generateContent", vertex,
                        vertex ? "relayed with the server's Vertex key" : "set NEXUS_VERTEX_API_KEY and restart"));
    }

    ObjectNode json() {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("name", name).put("path", path).put("ready", ready)
                .put("note", note);
    }
}
