package dev.nexus.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * {@code POST /token}: the authorization_code and refresh_token grants, failing the way Google does: 401
 * {@code invalid_client} for a client it does not know or a wrong secret, 400 {@code unauthorized_client} for a refresh
 * token issued to another client.
 */
final class TokenEndpoint {
    private final Accounts accounts;
    private final OAuthClientRegistry clients;
    private final Tokens tokens;
    private final AuthorizationCodes codes;
    private final AdjustableClock clock;
    private volatile boolean rotateRefreshTokens;

    TokenEndpoint(Accounts accounts, OAuthClientRegistry clients, Tokens tokens, AuthorizationCodes codes,
            AdjustableClock clock) {
        this.accounts = accounts;
        this.clients = clients;
        this.tokens = tokens;
        this.codes = codes;
        this.clock = clock;
    }

    void rotateRefreshTokens(boolean rotate) {
        rotateRefreshTokens = rotate;
    }

    void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        if (!request.method().equals("POST")) {
            Exchanges.send(exchange, 405, "text/plain; charset=UTF-8", "Method Not Allowed");
            return;
        }
        Map<String, String> form = request.form();
        var refused = clients.check(form.get("client_id"), form.get("client_secret"));
        if (refused.isPresent()) {
            fail(exchange, 401, refused.get().error(), refused.get().description());
            return;
        }
        String grantType = form.getOrDefault("grant_type", "");
        switch (grantType) {
            case "authorization_code" -> exchangeCode(exchange, form);
            case "refresh_token" -> refresh(exchange, form);
            default -> fail(exchange, 400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
        }
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        String code = form.get("code");
        if (blank(code)) {
            fail(exchange, 400, "invalid_request", "Missing required parameter: code");
            return;
        }
        AuthorizationCodes.Grant grant = codes.find(code).orElse(null);
        if (grant == null || !grant.clientId().equals(form.get("client_id"))) {
            fail(exchange, 400, "invalid_grant", "Bad Request");
            return;
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            fail(exchange, 400, "redirect_uri_mismatch", "Bad Request");
            return;
        }
        if (grant.challenge() != null && blank(form.get("code_verifier"))) {
            fail(exchange, 400, "invalid_grant", "Missing code verifier.");
            return;
        }
        // A failed verification leaves the code usable; only a successful exchange spends it.
        if (!grant.verifies(form.get("code_verifier")) || !codes.redeem(code, grant)) {
            fail(exchange, 400, "invalid_grant", "Bad Request");
            return;
        }
        String refreshToken = tokens.issueRefresh(grant.email(), grant.scope(), grant.clientId());
        accounts.update(grant.email(), a -> a.withRefreshToken(refreshToken));
        Exchanges.json(exchange, 200, response(grant.email(), grant.scope(), refreshToken, form.get("client_id")));
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        String refreshToken = form.get("refresh_token");
        if (blank(refreshToken)) {
            fail(exchange, 400, "invalid_request", "Missing required parameter: refresh_token");
            return;
        }
        Tokens.RefreshGrant grant = tokens.refreshGrant(refreshToken).orElse(null);
        if (grant == null) {
            fail(exchange, 400, "invalid_grant", "Token has been expired or revoked.");
            return;
        }
        if (!grant.clientId().equals(form.get("client_id"))) {
            fail(exchange, 400, "unauthorized_client", "Unauthorized");
            return;
        }
        String rotated = null;
        if (rotateRefreshTokens) {
            String next = tokens.issueRefresh(grant.email(), grant.scope(), grant.clientId());
            tokens.revokeRefresh(refreshToken);
            accounts.update(grant.email(), a -> a.withRefreshToken(next));
            rotated = next;
        }
        Exchanges.json(exchange, 200, response(grant.email(), grant.scope(), rotated, form.get("client_id")));
    }

    private ObjectNode response(String email, String scope, String refreshToken, String clientId) {
        ObjectNode body = Json.object();
        body.put("access_token", tokens.issueAccess(email));
        body.put("expires_in", tokens.accessLifetime().toSeconds());
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("scope", scope);
        body.put("token_type", "Bearer");
        body.put("id_token", idToken(accounts.get(email), clientId));
        return body;
    }

    // An unsigned JWT is enough: clients read its claims but cannot check Google's signature offline anyway.
    private String idToken(AccountState account, String clientId) {
        long now = clock.now().getEpochSecond();
        ObjectNode claims = Json.object()
                .put("iss", "https://accounts.google.com")
                .put("azp", clientId)
                .put("aud", clientId)
                .put("sub", account.userId())
                .put("email", account.email())
                .put("email_verified", true)
                .put("iat", now)
                .put("exp", now + tokens.accessLifetime().toSeconds());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"kid\":\"fake\",\"typ\":\"JWT\"}";
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("fake-signature".getBytes(StandardCharsets.UTF_8));
    }

    private static void fail(HttpExchange exchange, int status, String error, String description) throws IOException {
        Exchanges.json(exchange, status, GoogleErrors.oauth(error, description));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
