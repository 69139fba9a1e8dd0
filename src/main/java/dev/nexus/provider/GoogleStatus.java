package dev.nexus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/**
 * A Google error answer (google.rpc.Status as JSON, as Cloud Code, the Gemini API and Vertex send it), read
 * leniently: streaming endpoints wrap it in an array, some bodies carry the message at the root, and a body that is
 * not JSON keeps its text as the message.
 *
 * @param httpStatus the HTTP status of the answer
 * @param status the google.rpc status name, e.g. {@code RESOURCE_EXHAUSTED} ({@code ""} when absent)
 * @param message Google's message, shortened to {@value #MAX_MESSAGE} characters
 * @param error the {@code error} object, for its {@code details} (a missing node when there is none)
 */
public record GoogleStatus(int httpStatus, String status, String message, JsonNode error) {
    static final int MAX_MESSAGE = 2000;

    public static GoogleStatus parse(ObjectMapper json, int httpStatus, String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return new GoogleStatus(httpStatus, "", truncate(body.strip()), json.createObjectNode());
        }
        if (root.isArray() && !root.isEmpty()) {
            root = root.get(0);
        }
        JsonNode error = root.path("error");
        String message = error.path("message").asText(root.path("message").asText(""));
        return new GoogleStatus(httpStatus, error.path("status").asText(""), truncate(message), error);
    }

    /** The first {@code google.rpc.ErrorInfo} detail, or a missing node. */
    public JsonNode errorInfo() {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asText("").endsWith("google.rpc.ErrorInfo")) {
                return detail;
            }
        }
        return MissingNode.getInstance();
    }

    private static String truncate(String message) {
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }
}
