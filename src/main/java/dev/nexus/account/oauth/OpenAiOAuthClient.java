package dev.nexus.account.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.secret.Secret;
import dev.nexus.upstream.UpstreamHttp;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OpenAI's OAuth token endpoint ({@code auth.openai.com/oauth/token}) for the Codex CLI's public client: the code
 * exchange of a ChatGPT login (with the PKCE verifier) and refresh grants. OpenAI rotates refresh tokens: every refresh
 * returns a new one and retires the old, whose reuse it refuses ({@code refresh_token_reused}). Messages name the
 * answer and the fix; they never contain a token or code.
 */
public final class OpenAiOAuthClient {
    /**
     * The Codex CLI's public OAuth client (PKCE, no secret), as in the Codex CLI's own source and binary; OpenAI issues
     * ChatGPT logins for Codex only to it.
     */
    public static final OAuthClientProfile CODEX_CLI = new OAuthClientProfile("codex-cli", "app_EMoamEEZ73f0CkXaXp7hrann",
            Optional.empty(), List.of("openid", "profile", "email", "offline_access"));
    /** OpenAI's answers that only a new login can fix. */
    public static final Set<String> RELOGIN_ERRORS = Set.of("invalid_grant", "refresh_token_reused",
            "refresh_token_expired", "refresh_token_invalidated", "invalid_client", "unauthorized_client");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final URI tokenUrl;

    public OpenAiOAuthClient(UpstreamHttp http, ObjectMapper json, Clock clock, URI tokenUrl) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.tokenUrl = tokenUrl;
    }

    /** What OpenAI granted; the refresh token is the rotated one, the id_token names the ChatGPT account. */
    public record Grant(Secret accessToken, Instant expiresAt, Optional<Secret> refreshToken, Optional<String> idToken) {}

    public Grant exchangeCode(String code, String verifier, URI redirectUri) throws OAuthException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", verifier);
        return grant(form, "code exchange", "the code expired, was already used, or does not match this login's verifier"
                + " or redirect URI: start the login again");
    }

    public Grant refresh(Secret refreshToken) throws OAuthException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken.reveal());
        form.put("scope", "openid profile email");
        return grant(form, "token refresh", "log in again (nexus accounts login --provider codex), or run codex login"
                + " and import ~/.codex/auth.json again");
    }

    private Grant grant(Map<String, String> form, String what, String reloginFix) throws OAuthException {
        form.put("client_id", CODEX_CLI.clientId());
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        UpstreamHttp.Request request = new UpstreamHttp.Request("POST", tokenUrl, List.of(
                Map.entry("Content-Type", "application/x-www-form-urlencoded"), Map.entry("Accept", "application/json")),
                body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        int status;
        JsonNode answer;
        try (UpstreamHttp.Answer response = http.send(request, "OpenAI token endpoint " + tokenUrl)) {
            status = response.status();
            answer = parse(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("interrupted while calling OpenAI's token endpoint", false, e);
        } catch (IOException e) {
            throw new OAuthException("cannot reach OpenAI's token endpoint " + tokenUrl + ": " + e.getMessage()
                    + " (check the network, or NEXUS_OPENAI_TOKEN_URL)", false, e);
        }
        if (status != 200) {
            // OAuth's {"error": "...", "error_description"} or OpenAI's {"error": {"code", "message"}}.
            JsonNode error = answer.path("error");
            String code = error.isObject() ? error.path("code").asText("") : error.asText("");
            String description = error.isObject() ? error.path("message").asText("") : answer.path("error_description").asText("");
            boolean relogin = RELOGIN_ERRORS.contains(code);
            throw new OAuthException("OpenAI refused the " + what + " with HTTP " + status + (code.isEmpty() ? "" : " " + code)
                    + (description.isEmpty() ? "" : " (" + description + ")") + ": " + (relogin ? reloginFix : "try again later"),
                    relogin, Optional.of(code).filter(c -> !c.isEmpty()));
        }
        String access = answer.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new OAuthException("OpenAI's token endpoint answered 200 without an access_token", false);
        }
        // An OpenAI access token is a JWT: its exp is the truth, expires_in a fallback.
        Instant expires = ChatGptIdentity.expiry(access).orElseGet(() -> clock.instant().plusSeconds(answer.path("expires_in").asLong(3600)));
        return new Grant(Secret.of(access), expires, text(answer, "refresh_token").map(Secret::of), text(answer, "id_token"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.of(node.path(field).asText("")).filter(s -> !s.isBlank());
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body == null || body.isBlank() ? "{}" : body);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
