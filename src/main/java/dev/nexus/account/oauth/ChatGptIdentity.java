package dev.nexus.account.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who a ChatGPT login is, read from OpenAI's JWTs without checking their signature (Nexus got them from OpenAI or
 * from the user's own file; the claims name the account, they grant nothing): the id_token's {@code email} (or
 * {@code https://api.openai.com/profile}.email) and, under {@code https://api.openai.com/auth},
 * {@code chatgpt_account_id} and {@code chatgpt_plan_type}; an access token's expiry is its {@code exp}.
 */
public record ChatGptIdentity(Optional<String> email, Optional<String> chatgptAccountId, Optional<String> plan) {
    static final String AUTH_CLAIM = "https://api.openai.com/auth";
    static final String PROFILE_CLAIM = "https://api.openai.com/profile";

    /** The identity an id_token (or an access token, which carries the same auth claim) names; empty fields when unreadable. */
    public static ChatGptIdentity of(String jwt) {
        Optional<JWTClaimsSet> claims = claims(jwt);
        Optional<Map<String, Object>> auth = claims.flatMap(c -> object(c, AUTH_CLAIM));
        Optional<String> email = claims.flatMap(c -> text(c.getClaim("email")))
                .or(() -> claims.flatMap(c -> object(c, PROFILE_CLAIM)).flatMap(p -> text(p.get("email"))));
        return new ChatGptIdentity(email, auth.flatMap(a -> text(a.get("chatgpt_account_id"))),
                auth.flatMap(a -> text(a.get("chatgpt_plan_type"))));
    }

    /** The token's {@code exp}, when it is a JWT that has one. */
    public static Optional<Instant> expiry(String jwt) {
        return claims(jwt).map(JWTClaimsSet::getExpirationTime).map(java.util.Date::toInstant);
    }

    /** This identity, with what it lacks taken from {@code other} (an id_token first, the access token second). */
    public ChatGptIdentity or(ChatGptIdentity other) {
        return new ChatGptIdentity(email.or(other::email), chatgptAccountId.or(other::chatgptAccountId), plan.or(other::plan));
    }

    private static Optional<JWTClaimsSet> claims(String jwt) {
        if (jwt == null || jwt.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JWTParser.parse(jwt.strip()).getJWTClaimsSet());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> object(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    }
}
