package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A client's own GenerateContentRequest on its way to an upstream that speaks the same dialect: the body is kept as
 * it is (fields Nexus does not know survive) and only what the target needs is changed. Claude models behind Cloud
 * Code need every function call and response to carry a matching id, and have no Google Search tool (seed §4.3).
 */
public final class GeminiPassThrough {
    private static final HexFormat HEX = HexFormat.of();
    private final RandomGenerator random;

    public GeminiPassThrough() {
        this(new SecureRandom());
    }

    GeminiPassThrough(RandomGenerator random) {
        this.random = random;
    }

    /** Adjusts {@code request} in place for {@code target}. */
    public void prepare(ObjectNode request, GeminiTarget target) {
        if (target.isClaude()) {
            pairCallIds(request);
            dropSearchTools(request);
        }
    }

    /**
     * A call without an id gets one; a response without an id takes the id of the latest call of the same name
     * (what the client answered), or a new one when no such call is in the history.
     */
    private void pairCallIds(ObjectNode request) {
        Map<String, String> latestCallId = new HashMap<>();
        for (JsonNode content : request.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                if (part.path("functionCall") instanceof ObjectNode call) {
                    String id = call.path("id").asText("");
                    if (id.isEmpty()) {
                        id = newId();
                        call.put("id", id);
                    }
                    latestCallId.put(call.path("name").asText(""), id);
                } else if (part.path("functionResponse") instanceof ObjectNode response
                        && response.path("id").asText("").isEmpty()) {
                    String id = latestCallId.get(response.path("name").asText(""));
                    response.put("id", id != null ? id : newId());
                }
            }
        }
    }

    private static void dropSearchTools(ObjectNode request) {
        if (!(request.get("tools") instanceof ArrayNode tools)) {
            return;
        }
        for (Iterator<JsonNode> it = tools.elements(); it.hasNext(); ) {
            JsonNode tool = it.next();
            boolean search = tool.isTextual()
                    ? tool.asText().equals("googleSearch") || tool.asText().equals("google_search")
                    : tool.has("googleSearch") || tool.has("googleSearchRetrieval") || tool.has("google_search")
                            || tool.has("google_search_retrieval");
            if (search) {
                it.remove();
            }
        }
        if (tools.isEmpty()) {
            request.remove("tools");
        }
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "toolu_" + HEX.formatHex(bytes);
    }
}
