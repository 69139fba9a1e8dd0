package dev.nexus.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads a request body (see {@link RequestBody}) as a JSON object; anything else is a 400 in the path's dialect.
 */
public final class JsonBodies {
    /** How Jackson's limit messages name the setting, e.g. {@code , from `StreamReadConstraints.getMaxNestingDepth()`}. */
    private static final Pattern API_REFERENCE = Pattern.compile(",? from `[^`]*`");

    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    public JsonNode readObject(ServerRequest req) {
        byte[] bytes = RequestBody.readAll(req);
        if (bytes.length == 0) {
            throw new HttpError(400, "the request body is empty: send a JSON object (Content-Type: application/json)",
                    "invalid_request_error");
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (StreamConstraintsException e) {
            // Jackson's limits (nesting depth, string and number lengths); its message names its own API, so it is cut.
            throw new HttpError(400, "the request body is beyond what Nexus parses: "
                    + API_REFERENCE.matcher(e.getOriginalMessage()).replaceAll("") + " (send a flatter or smaller JSON body)",
                    "invalid_json");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new HttpError(400, "the request body is not valid JSON (" + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")", "invalid_json");
        } catch (IOException e) {
            throw new HttpError(400, "the request body is not valid JSON", "invalid_json");
        }
        if (node == null || !node.isObject()) {
            throw new HttpError(400, "the request body must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType()),
                    "invalid_request_error");
        }
        return node;
    }
}
