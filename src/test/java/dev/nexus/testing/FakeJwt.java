package dev.nexus.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An unsigned JWT with the given JSON payload, as credential files carry them (importers do not check signatures). */
public final class FakeJwt {
    private FakeJwt() {}

    public static String withClaims(String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".not-a-real-signature";
    }
}
