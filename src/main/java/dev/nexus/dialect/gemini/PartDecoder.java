package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One GenAI part as a canonical part. A client's signature keeps the origin Nexus labelled it with
 * ({@link ThoughtSignatures}); any other gets origin {@value ThoughtSignatures#CLIENT}, which no upstream issues, so it
 * is never replayed. Call ids are settled by {@link ContentsDecoder}; here a missing id is empty.
 */
final class PartDecoder {
    private PartDecoder() {}

    static Part decode(JsonNode part, String path) {
        Fields.expect(part.isObject(), part, path, "an object");
        Optional<Signature> signature = Fields.string(part, "thoughtSignature", path).filter(s -> !s.isEmpty())
                .map(ThoughtSignatures::unwrap);
        boolean thought = Fields.bool(part, "thought", path).orElse(false);
        if (Wire.has(part, "text")) {
            String text = Fields.string(part, "text", path).orElseThrow();
            return thought ? new Part.Thinking(text, signature, false) : new Part.Text(text);
        }
        if (Wire.has(part, "inlineData")) {
            JsonNode data = Fields.object(part, "inlineData", path);
            String at = path + ".inlineData";
            return new Part.Media(Fields.requiredString(data, "mimeType", at),
                    new Part.Source.Inline(Fields.requiredString(data, "data", at)), Optional.empty());
        }
        if (Wire.has(part, "fileData")) {
            JsonNode file = Fields.object(part, "fileData", path);
            String at = path + ".fileData";
            return new Part.Media(Fields.string(file, "mimeType", at).orElse(""),
                    new Part.Source.Url(Fields.requiredString(file, "fileUri", at)), Fields.string(file, "displayName", at));
        }
        if (Wire.has(part, "functionCall")) {
            JsonNode call = Fields.object(part, "functionCall", path);
            String at = path + ".functionCall";
            JsonNode args = Fields.object(call, "args", at);
            return new Part.ToolCall(Fields.string(call, "id", at).orElse(""), Fields.requiredString(call, "name", at),
                    args.isMissingNode() ? "{}" : args.toString(), signature);
        }
        if (Wire.has(part, "functionResponse")) {
            return result(Fields.object(part, "functionResponse", path), path + ".functionResponse");
        }
        if (Wire.has(part, "executableCode") || Wire.has(part, "codeExecutionResult")) {
            throw DialectException.invalid(path, "executableCode and codeExecutionResult parts are not supported here; "
                    + "remove them from contents");
        }
        if (signature.isPresent()) {
            return new Part.Thinking("", signature, false);
        }
        throw DialectException.invalid(path, "a part needs one of text, inlineData, fileData, functionCall, functionResponse");
    }

    /**
     * A {@code functionResponse}: {@code {"output": "…"}} becomes that text, {@code {"error": "…"}} an error result,
     * any other object its JSON text (which the encoder sends back as the same object). Media in {@code parts} follow.
     */
    private static Part.ToolResult result(JsonNode response, String path) {
        JsonNode body = Fields.object(response, "response", path);
        List<Part> content = new ArrayList<>();
        boolean error = body.size() == 1 && body.path("error").isValueNode();
        if (error) {
            content.add(new Part.Text(body.get("error").asText()));
        } else if (body.size() == 1 && body.path("output").isTextual()) {
            content.add(new Part.Text(body.get("output").asText()));
        } else if (!body.isMissingNode()) {
            content.add(new Part.Text(body.toString()));
        }
        JsonNode parts = Fields.array(response, "parts", path);
        for (int i = 0; i < parts.size(); i++) {
            Part part = decode(parts.get(i), path + ".parts[" + i + "]");
            if (!(part instanceof Part.Media)) {
                throw DialectException.invalid(path + ".parts[" + i + "]",
                        "a function response part must be inlineData or fileData");
            }
            content.add(part);
        }
        return new Part.ToolResult(Fields.string(response, "id", path).orElse(""), Fields.requiredString(response, "name", path),
                content, error);
    }
}
