package dev.nexus.account.oauth;

import java.security.SecureRandom;
import java.util.Base64;

/** Random tokens as unpadded base64url text: safe in URLs and form bodies without escaping. */
final class Base64Url {
    private Base64Url() {}

    static String random(SecureRandom random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
