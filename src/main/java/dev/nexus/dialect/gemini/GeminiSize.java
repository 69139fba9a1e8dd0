package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.RequestSize;

/**
 * The size of a GenAI request as it is, for the surfaces that relay it without decoding: {@code contents}, their
 * parts (with the system instruction's and those inside function responses) and {@code functionDeclarations}, in
 * either spelling. A {@code countTokens} body's {@code generateContentRequest} counts too. Fields of the wrong kind
 * count as empty: the upstream judges them.
 */
public final class GeminiSize {
    private GeminiSize() {}

    public static RequestSize of(JsonNode request) {
        RequestSize own = counted(request);
        JsonNode nested = Wire.field(request, "generateContentRequest");
        if (!nested.isObject()) {
            return own;
        }
        RequestSize inner = counted(nested);
        return new RequestSize(own.messages() + inner.messages(), own.parts() + inner.parts(), own.tools() + inner.tools());
    }

    private static RequestSize counted(JsonNode request) {
        JsonNode contents = array(Wire.field(request, "contents"));
        int parts = parts(Wire.field(Wire.field(request, "systemInstruction"), "parts"));
        for (JsonNode content : contents) {
            parts += parts(Wire.field(content, "parts"));
        }
        int tools = 0;
        for (JsonNode tool : array(Wire.field(request, "tools"))) {
            tools += array(Wire.field(tool, "functionDeclarations")).size();
        }
        return new RequestSize(contents.size(), parts, tools);
    }

    private static JsonNode array(JsonNode node) {
        return node.isArray() ? node : Wire.JSON.arrayNode();
    }

    /** The parts of an array, and the media parts inside its function responses. */
    private static int parts(JsonNode parts) {
        int count = array(parts).size();
        for (JsonNode part : array(parts)) {
            count += array(Wire.field(Wire.field(part, "functionResponse"), "parts")).size();
        }
        return count;
    }
}
