package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;

/** A deterministic token count — a quarter of the characters, rounded up — so tests can predict usage. */
final class TokenEstimate {
    private TokenEstimate() {}

    static int ofChars(long chars) {
        return (int) ((chars + 3) / 4);
    }

    /** Text parts count their text; any other part (inlineData, functionCall, …) counts its JSON. */
    static long charsOf(JsonNode contents) {
        long chars = 0;
        if (contents == null || !contents.isArray()) {
            return 0;
        }
        for (JsonNode content : contents) {
            JsonNode parts = content.get("parts");
            if (parts == null || !parts.isArray()) {
                continue;
            }
            for (JsonNode part : parts) {
                JsonNode text = part.get("text");
                chars += text != null && text.isTextual() ? text.asText().length() : Json.write(part).length();
            }
        }
        return chars;
    }

    /** The prompt of a GenerateContentRequest: its contents and system instruction, at least one token. */
    static int ofRequest(JsonNode request) {
        long chars = charsOf(request.get("contents"));
        JsonNode system = Json.field(request, "systemInstruction", "system_instruction");
        if (system != null && system.isObject()) {
            chars += charsOf(Json.array().add(system));
        }
        return Math.max(1, ofChars(chars));
    }

    /** The countTokens answer: at least one token. */
    static int ofContents(JsonNode contents) {
        return Math.max(1, ofChars(charsOf(contents)));
    }
}
