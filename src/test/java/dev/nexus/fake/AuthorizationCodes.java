package dev.nexus.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One-time authorization codes between the authorize redirect and the token exchange, with their PKCE challenge. */
final class AuthorizationCodes {

    /** What a code was issued for; {@code challenge} is null when the client did not use PKCE. */
    record Grant(String email, String clientId, String redirectUri, String scope, String challenge, String challengeMethod) {

        boolean verifies(String verifier) {
            return challenge == null || (verifier != null && challenge.equals(challengeOf(verifier, challengeMethod)));
        }
    }

    private final Map<String, Grant> pending = new ConcurrentHashMap<>();

    String issue(Grant grant) {
        String code = "4/0fake-" + Tokens.random(24);
        pending.put(code, grant);
        return code;
    }

    Optional<Grant> find(String code) {
        return Optional.ofNullable(code == null ? null : pending.get(code));
    }

    /** True for exactly one caller per code, even when two exchanges race. */
    boolean redeem(String code, Grant grant) {
        return pending.remove(code, grant);
    }

    /** The RFC 7636 transform: S256 is base64url(SHA-256(verifier)) without padding; plain is the verifier. */
    static String challengeOf(String verifier, String method) {
        if ("plain".equals(method)) {
            return verifier;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
