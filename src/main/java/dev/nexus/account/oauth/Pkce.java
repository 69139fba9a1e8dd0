package dev.nexus.account.oauth;

import dev.nexus.secret.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): the verifier stays with Nexus until the code exchange; only its S256 challenge goes
 * into the consent URL, so a stolen authorization code is useless without this process's verifier.
 */
public record Pkce(String verifier, String challenge) {
    private static final int VERIFIER_BYTES = 32;

    @Override
    public String toString() {
        return "Pkce[verifier=***, challenge=" + challenge + "]";
    }

    /** A fresh verifier of 32 random bytes (43 base64url characters) and its S256 challenge. */
    public static Pkce create(SecureRandom random) {
        String verifier = Base64Url.random(random, VERIFIER_BYTES);
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** {@code BASE64URL(SHA-256(ASCII(verifier)))} without padding. */
    public static String challengeOf(String verifier) {
        byte[] digest = Sha256.of(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
