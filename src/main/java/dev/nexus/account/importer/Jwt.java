package dev.nexus.account.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The claims of a JWT, read without checking its signature. Good enough for an import hint (whose email, which
 * plan, when it expires); never for deciding who may do what.
 */
final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {}

    /** The payload's claims, or empty when the text is not a JWT with a JSON object payload. */
    static Optional<JsonNode> claims(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(stripPadding(parts[1])));
            return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code email} claim, if the token has one. */
    static Optional<String> email(String token) {
        return claims(token).flatMap(c -> Json.text(c, "email"));
    }

    private static String stripPadding(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }
}
