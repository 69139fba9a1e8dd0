package dev.nexus.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads a request body (see {@link RequestBody}) as a JSON object; anything else is a 400 in the path's dialect.
 */
public final class JsonBodies {
    /**
     * How Jackson's messages name its own API, e.g. {@code , from `StreamReadConstraints.getMaxNestingDepth()`} or
     * {@code (bound as `com.fasterxml.jackson.databind.JsonNode`)}: cut, the client cannot act on them.
     */
    private static final Pattern API_REFERENCE = Pattern.compile(",? from `[^`]*`|\\s*\\([^()`]*`[\\w.$]+\\.[\\w.$]+`[^()]*\\)");

    /** For well-formedness checks only: parsers it makes are independent, and it holds no state of theirs. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private final ObjectReader json;

    public JsonBodies(ObjectMapper json) {
        this.json = json.reader();
    }

    public JsonNode readObject(ServerRequest req) {
        byte[] bytes = RequestBody.readAll(req);
        requireSome(bytes);
        JsonNode node;
        try (JsonParser parser = json.createParser(bytes)) {
            node = json.readTree(parser);
            // Text after the object ("{…} garbage", two objects) is not one JSON value: refused, not silently ignored.
            if (parser.nextToken() != null) {
                throw trailing();
            }
        } catch (IOException e) {
            throw invalid(e);
        }
        if (node == null || !node.isObject()) {
            throw notAnObject(node == null ? "nothing" : node.getNodeType().toString());
        }
        return node;
    }

    /**
     * Checks that a body a relay passes on as it is holds one JSON object, with the same answers as
     * {@link #readObject}, without building it (the key proxies never look inside).
     */
    public static void requireObject(byte[] bytes) {
        requireSome(bytes);
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw notAnObject(first == null ? "nothing" : first.asString() == null ? first.name() : first.asString());
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw trailing();
            }
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    private static void requireSome(byte[] bytes) {
        if (bytes.length == 0) {
            throw new HttpError(400, "the request body is empty: send a JSON object (Content-Type: application/json)",
                    "invalid_request_error");
        }
    }

    private static HttpError trailing() {
        return new HttpError(400, "the request body is not valid JSON (there is more after the end of the object)",
                "invalid_json");
    }

    private static HttpError notAnObject(String got) {
        return new HttpError(400, "the request body must be a JSON object, got " + got, "invalid_request_error");
    }

    private static String withoutApiNames(String message) {
        return message == null ? "" : API_REFERENCE.matcher(message).replaceAll("");
    }

    private static HttpError invalid(IOException failure) {
        try {
            throw failure;
        } catch (StreamConstraintsException e) {
            // Jackson's limits (nesting depth, string and number lengths); its message names its own API, so it is cut.
            return new HttpError(400, "the request body is beyond what Nexus parses: "
                    + withoutApiNames(e.getOriginalMessage()) + " (send a flatter or smaller JSON body)",
                    "invalid_json");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new HttpError(400, "the request body is not valid JSON (" + withoutApiNames(e.getOriginalMessage())
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")", "invalid_json");
        } catch (IOException e) {
            return new HttpError(400, "the request body is not valid JSON", "invalid_json");
        }
    }
}
