package dev.nexus.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth clients the fake Google knows, as Google knows its registered clients: by id, each with its secret. It
 * starts with the two public installed-app clients (Antigravity's and Gemini CLI's, values from their own source code,
 * written out here rather than taken from Nexus so the fake checks Nexus instead of agreeing with it); a test
 * registers any other client it uses.
 */
final class OAuthClientRegistry {
    static final String ANTIGRAVITY_ID = "1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com";
    static final String ANTIGRAVITY_SECRET = "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";
    static final String GEMINI_CLI_ID = "681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com";
    static final String GEMINI_CLI_SECRET = "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";

    /** Why a token request's client credentials were refused, as Google words it. */
    record Refusal(String error, String description) {}

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    OAuthClientRegistry() {
        secrets.put(ANTIGRAVITY_ID, ANTIGRAVITY_SECRET);
        secrets.put(GEMINI_CLI_ID, GEMINI_CLI_SECRET);
    }

    void register(String clientId, String secret) {
        secrets.put(clientId, secret);
    }

    boolean known(String clientId) {
        return clientId != null && secrets.containsKey(clientId);
    }

    /** Google answers 401 invalid_client both for an unknown client and for a wrong or missing secret. */
    Optional<Refusal> check(String clientId, String secret) {
        if (!known(clientId)) {
            return Optional.of(new Refusal("invalid_client", "The OAuth client was not found."));
        }
        String expected = secrets.get(clientId);
        if (secret == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Refusal("invalid_client", "Unauthorized"));
        }
        return Optional.empty();
    }
}
