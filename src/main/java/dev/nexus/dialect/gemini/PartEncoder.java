package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Part;
import dev.nexus.chat.Signature;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One canonical part as one Gemini part. Signatures are attached only when the target's origin issued them. */
final class PartEncoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PartEncoder() {}

    static ObjectNode text(String text) {
        return Wire.object().put("text", text);
    }

    /** Inline bytes as {@code inlineData}; a URL as {@code fileData}, except {@code data:} URLs, which are inline. */
    static ObjectNode media(Part.Media media) {
        return switch (media.source()) {
            case Part.Source.Inline inline -> inline(media.mediaType(), inline.base64());
            case Part.Source.Url url -> MediaTypes.dataUrl(url.url())
                    .map(data -> inline(media.mediaType().isBlank() ? data.mediaType() : media.mediaType(), data.base64()))
                    .orElseGet(() -> {
                        ObjectNode part = Wire.object();
                        part.putObject("fileData").put("mimeType", MediaTypes.of(media.mediaType(), url.url()))
                                .put("fileUri", url.url());
                        return part;
                    });
        };
    }

    private static ObjectNode inline(String mediaType, String base64) {
        ObjectNode part = Wire.object();
        part.putObject("inlineData").put("mimeType", mediaType.isBlank() ? MediaTypes.UNKNOWN : mediaType).put("data", base64);
        return part;
    }

    static ObjectNode call(Part.ToolCall call, String upstreamName, GeminiTarget target) {
        ObjectNode part = Wire.object();
        ObjectNode functionCall = part.putObject("functionCall");
        if (!call.id().isBlank()) {
            functionCall.put("id", call.id());
        }
        functionCall.put("name", upstreamName);
        functionCall.set("args", args(call.arguments()));
        replayable(call.signature(), target).ifPresent(s -> part.put("thoughtSignature", s));
        return part;
    }

    /** Arguments as the JSON object Gemini wants: empty → {}, a non-object value or invalid JSON → {"params": …}. */
    static ObjectNode args(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Wire.object();
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(arguments);
        } catch (JsonProcessingException e) {
            return Wire.object().put("params", arguments);
        }
        if (parsed == null || parsed.isNull() || parsed.isMissingNode()) {
            return Wire.object();
        }
        return parsed.isObject() ? (ObjectNode) parsed : Wire.object().set("params", parsed);
    }

    /**
     * A {@code functionResponse}: a single JSON-object text is the response itself, other text is wrapped as
     * {@code {"output": …}}, an error as {@code {"error": …}}. Media in the result are encoded separately.
     */
    static ObjectNode result(Part.ToolResult result, String upstreamName) {
        ObjectNode part = Wire.object();
        ObjectNode response = part.putObject("functionResponse");
        if (!result.callId().isBlank()) {
            response.put("id", result.callId());
        }
        response.put("name", upstreamName);
        List<String> texts = result.content().stream().filter(p -> p instanceof Part.Text)
                .map(p -> ((Part.Text) p).text()).toList();
        String joined = texts.stream().collect(Collectors.joining("\n"));
        Optional<ObjectNode> object = result.isError() || texts.size() != 1 ? Optional.empty() : jsonObject(joined);
        if (result.isError()) {
            response.putObject("response").put("error", joined);
        } else if (object.isPresent()) {
            response.set("response", object.get());
        } else {
            response.putObject("response").put("output", joined);
        }
        return part;
    }

    /** A thought part, only for unredacted thinking whose signature the target issued; all else is never sent. */
    static Optional<ObjectNode> thinking(Part.Thinking thinking, GeminiTarget target) {
        if (thinking.redacted()) {
            return Optional.empty();
        }
        return replayable(thinking.signature(), target)
                .map(s -> text(thinking.text()).put("thought", true).put("thoughtSignature", s));
    }

    private static Optional<String> replayable(Optional<Signature> signature, GeminiTarget target) {
        return signature.filter(s -> s.issuedBy(target.origin()) && !s.value().isEmpty()).map(Signature::value);
    }

    /** The text as a JSON object, if it is one; text that cannot be one is not parsed (a failed parse throws). */
    private static Optional<ObjectNode> jsonObject(String text) {
        int first = 0;
        while (first < text.length() && " \t\r\n".indexOf(text.charAt(first)) >= 0) {
            first++;
        }
        if (first == text.length() || text.charAt(first) != '{') {
            return Optional.empty();
        }
        try {
            JsonNode parsed = MAPPER.readTree(text);
            return parsed != null && parsed.isObject() ? Optional.of((ObjectNode) parsed) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
