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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Google's OAuth token and userinfo endpoints for an installed-app client: refresh grants, authorization-code
 * exchanges of a login, and the user's email. Error messages name the endpoint's answer and the fix; they never
 * contain a token or code.
 */
public final class GoogleOAuthClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Google's errors that refuse the OAuth client rather than the token or code. */
    public static final Set<String> CLIENT_REFUSALS = Set.of("invalid_client", "unauthorized_client");

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final URI tokenUrl;
    private final URI userinfoUrl;

    public GoogleOAuthClient(UpstreamHttp http, ObjectMapper json, Clock clock, URI tokenUrl, URI userinfoUrl) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.tokenUrl = tokenUrl;
        this.userinfoUrl = userinfoUrl;
    }

    /** Exchanges a refresh token for a fresh access token, as the client that issued the token. */
    public TokenGrant refresh(OAuthClientProfile client, Secret refreshToken) throws OAuthException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken.reveal());
        return grant(client, form, "token refresh", "the refresh token was revoked or expired:"
                + " log in again (run: nexus accounts login)");
    }

    /**
     * Exchanges the authorization code of a login for tokens (RFC 6749 §4.1.3 with the PKCE verifier of RFC 7636).
     * The grant carries a refresh token when the consent asked for offline access.
     */
    public TokenGrant exchangeCode(OAuthClientProfile client, String code, String verifier, URI redirectUri)
            throws OAuthException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("code_verifier", verifier);
        form.put("redirect_uri", redirectUri.toString());
        return grant(client, form, "code exchange", "the code expired, was already used, or does not match this login's"
                + " verifier or redirect URI: start the login again");
    }

    /**
     * Posts a grant to the token endpoint with the client credentials in the form body, as Google expects. A refusal
     * of the client itself ({@code invalid_client}, {@code unauthorized_client}) is reported as such, naming the
     * profile: the token may be fine, but not with this client.
     */
    private TokenGrant grant(OAuthClientProfile client, Map<String, String> form, String what, String permanentFix)
            throws OAuthException {
        form.put("client_id", client.clientId());
        client.clientSecret().ifPresent(s -> form.put("client_secret", s.reveal()));
        Reply response = send(new UpstreamHttp.Request("POST", tokenUrl, List.of(
                Map.entry("Content-Type", "application/x-www-form-urlencoded"),
                Map.entry("Accept", "application/json")), formEncode(form).getBytes(StandardCharsets.UTF_8), TIMEOUT),
                "token endpoint " + tokenUrl);
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            String error = body.path("error").asText("");
            String description = body.path("error_description").asText("");
            boolean permanent = isPermanent(error, description);
            if (CLIENT_REFUSALS.contains(error)) {
                throw new OAuthException("Google refused the " + client.name() + " OAuth client for this "
                        + (what.equals("token refresh") ? "refresh token" : "login") + " (" + error + ")", true,
                        Optional.of(error));
            }
            throw new OAuthException("Google refused the " + what + " with HTTP " + response.statusCode() + " "
                    + (error.isEmpty() ? "" : error) + (description.isEmpty() ? "" : " (" + description + ")")
                    + ": " + (permanent ? permanentFix : "try again later"), permanent,
                    Optional.of(error).filter(e -> !e.isEmpty()));
        }
        String access = body.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new OAuthException("token endpoint " + tokenUrl + " answered 200 without an access_token", false);
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        Optional<Secret> refreshToken = Optional.of(body.path("refresh_token").asText("")).filter(s -> !s.isEmpty()).map(Secret::of);
        Optional<String> scope = Optional.of(body.path("scope").asText("")).filter(s -> !s.isEmpty());
        return new TokenGrant(Secret.of(access), clock.instant().plusSeconds(expiresIn), refreshToken, scope);
    }

    /** The email address of the user an access token belongs to. */
    public String email(Secret accessToken) throws OAuthException {
        Reply response = send(new UpstreamHttp.Request("GET", userinfoUrl, List.of(
                Map.entry("Authorization", "Bearer " + accessToken.reveal()),
                Map.entry("Accept", "application/json")), new byte[0], TIMEOUT), "userinfo endpoint " + userinfoUrl);
        if (response.statusCode() != 200) {
            throw new OAuthException("Google's userinfo endpoint answered HTTP " + response.statusCode()
                    + ": the access token lacks the userinfo.email scope or expired", response.statusCode() == 401);
        }
        String email = parse(response.body()).path("email").asText("");
        if (email.isEmpty()) {
            throw new OAuthException("Google's userinfo answer has no email: the token lacks the userinfo.email scope", true);
        }
        return email;
    }

    /** The error strings Google uses when only a new login can help. */
    static boolean isPermanent(String error, String description) {
        String text = (error + " " + description).toLowerCase(Locale.ROOT);
        return text.contains("invalid_grant") || text.contains("invalid_client") || text.contains("unauthorized_client")
                || text.contains("revoked") || text.contains("redirect_uri_mismatch");
    }

    /** An endpoint's whole answer. */
    private record Reply(int statusCode, String body) {
    }

    private Reply send(UpstreamHttp.Request request, String what) throws OAuthException {
        try (UpstreamHttp.Answer answer = http.send(request, "Google " + what)) {
            return new Reply(answer.status(), new String(answer.body().readAllBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("interrupted while calling Google's " + what, false, e);
        } catch (IOException e) {
            throw new OAuthException("cannot reach Google's " + what + ": " + e.getMessage()
                    + " (check the network, or NEXUS_GOOGLE_TOKEN_URL / NEXUS_GOOGLE_USERINFO_URL)", false, e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
