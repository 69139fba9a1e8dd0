package dev.nexus.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code auth.openai.com}'s OAuth for the Codex CLI's public client: {@code GET /oauth/authorize} (PKCE S256 required,
 * no browser — the test decides who consents) and {@code POST /oauth/token} (form or JSON body) with the
 * authorization_code grant (verifier, redirect URI and client checked) and the refresh_token grant, which rotates:
 * every refresh returns a new refresh token and retires the one used, whose reuse is refused with
 * {@code refresh_token_reused} (401, in OpenAI's error envelope, as OpenAI answers it).
 */
final class OpenAiAuthEndpoints implements Endpoints {
    static final String AUTHORIZE = "/oauth/authorize";
    static final String TOKEN = "/oauth/token";

    /** What the next authorize visit does. */
    sealed interface Consent {
        record As(String email) implements Consent {}

        record Deny() implements Consent {}
    }

    private final ChatGptAccounts accounts;
    private final String clientId;
    private final AuthorizationCodes codes = new AuthorizationCodes();
    private final Queue<Consent> consents = new ConcurrentLinkedQueue<>();
    private final List<Authorization> authorizations = new CopyOnWriteArrayList<>();

    OpenAiAuthEndpoints(ChatGptAccounts accounts, String clientId) {
        this.accounts = accounts;
        this.clientId = clientId;
    }

    void queue(Consent consent) {
        consents.add(consent);
    }

    List<Authorization> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public boolean serves(String path) {
        return path.equals(AUTHORIZE) || path.equals(TOKEN);
    }

    @Override
    public void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        if (request.path().equals(AUTHORIZE)) {
            authorize(exchange, request);
        } else if (!request.method().equals("POST")) {
            Exchanges.send(exchange, 405, "text/plain; charset=UTF-8", "Method Not Allowed");
        } else {
            token(exchange, request);
        }
    }

    private void authorize(HttpExchange exchange, RecordedRequest request) throws IOException {
        Map<String, String> q = RecordedRequest.decodeForm(request.query() == null ? "" : request.query());
        for (String required : List.of("client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge")) {
            if (q.get(required) == null || q.get(required).isBlank()) {
                errorPage(exchange, 400, "Missing required parameter: " + required);
                return;
            }
        }
        if (!q.get("client_id").equals(clientId)) {
            errorPage(exchange, 400, "Unknown client_id");
            return;
        }
        if (!q.get("response_type").equals("code") || !"S256".equals(q.get("code_challenge_method"))) {
            errorPage(exchange, 400, "Only response_type=code with code_challenge_method=S256 is supported");
            return;
        }
        Consent consent = consents.poll();
        if (consent == null) {
            consent = accounts.first().<Consent>map(a -> new Consent.As(a.email())).orElse(null);
        }
        if (consent == null) {
            Exchanges.send(exchange, 500, "text/plain; charset=UTF-8", "fake: no ChatGPT account to consent as; call addAccount first");
            return;
        }
        String redirect = q.get("redirect_uri");
        switch (consent) {
            case Consent.Deny deny -> {
                authorizations.add(log(q, null, null));
                Exchanges.redirect(exchange, Exchanges.withQuery(redirect, "error", "access_denied", "error_description",
                        "The user denied the request", "state", q.get("state")));
            }
            case Consent.As as -> {
                accounts.get(as.email());
                String code = codes.issue(new AuthorizationCodes.Grant(as.email(), q.get("client_id"), redirect,
                        q.get("scope"), q.get("code_challenge"), "S256"));
                authorizations.add(log(q, as.email(), code));
                Exchanges.redirect(exchange, Exchanges.withQuery(redirect, "code", code, "scope", q.get("scope"), "state", q.get("state")));
            }
        }
    }

    private void token(HttpExchange exchange, RecordedRequest request) throws IOException {
        Map<String, String> form = fields(request);
        if (!clientId.equals(form.get("client_id"))) {
            oauthError(exchange, 401, "invalid_client", "Unknown or missing client_id");
            return;
        }
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> exchangeCode(exchange, form);
            case "refresh_token" -> refresh(exchange, form);
            default -> oauthError(exchange, 400, "unsupported_grant_type", "Unsupported grant_type");
        }
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        AuthorizationCodes.Grant grant = codes.find(form.get("code")).orElse(null);
        if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            oauthError(exchange, 400, "invalid_grant", "Invalid authorization code or redirect_uri");
            return;
        }
        // A failed verification leaves the code usable; only a successful exchange spends it.
        if (!grant.verifies(form.get("code_verifier")) || !codes.redeem(form.get("code"), grant)) {
            oauthError(exchange, 400, "invalid_grant", "Invalid code_verifier");
            return;
        }
        Exchanges.json(exchange, 200, tokens(grant.email(), accounts.issueRefresh(grant.email())));
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        String used = form.get("refresh_token");
        switch (accounts.refresh(used)) {
            case ChatGptAccounts.Refresh.Unknown unknown ->
                    oauthError(exchange, 400, "invalid_grant", "Invalid refresh token");
            case ChatGptAccounts.Refresh.Reused reused -> reuseRefused(exchange);
            case ChatGptAccounts.Refresh.Current current -> {
                var next = accounts.rotate(used);
                if (next.isEmpty()) {
                    reuseRefused(exchange);
                } else {
                    Exchanges.json(exchange, 200, tokens(current.email(), next.get()));
                }
            }
        }
    }

    private ObjectNode tokens(String email, String refreshToken) {
        ObjectNode body = Json.object();
        body.put("id_token", accounts.idToken(email, clientId));
        body.put("access_token", accounts.issueAccess(email, clientId));
        body.put("refresh_token", refreshToken);
        body.put("expires_in", accounts.accessLifetime().toSeconds());
        body.put("token_type", "Bearer");
        body.put("scope", "openid profile email offline_access");
        return body;
    }

    /** The body OpenAI sends for a rotated-out refresh token (OpenAI's API error envelope, not RFC 6749's). */
    private static void reuseRefused(HttpExchange exchange) throws IOException {
        ObjectNode body = Json.object();
        body.putObject("error")
                .put("message", "Your refresh token has already been used to generate a new access token. Please try signing in again.")
                .put("type", "invalid_request_error")
                .putNull("param")
                .put("code", "refresh_token_reused");
        Exchanges.json(exchange, 401, body);
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description) throws IOException {
        Exchanges.json(exchange, status, Json.object().put("error", error).put("error_description", description));
    }

    /** The token endpoint takes a form (the Go original, Nexus) or JSON (the Codex CLI's refresh). */
    private static Map<String, String> fields(RecordedRequest request) {
        String type = request.header("content-type");
        if (type != null && type.startsWith("application/json")) {
            Map<String, String> fields = new HashMap<>();
            JsonNode json = Json.tryParse(request.body()).orElse(Json.object());
            json.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            return fields;
        }
        return request.form();
    }

    private static Authorization log(Map<String, String> q, String email, String code) {
        return new Authorization(q.get("client_id"), q.get("redirect_uri"), q.get("scope"), q.get("state"), null, q.get("prompt"),
                q.get("code_challenge"), q.get("code_challenge_method"), email, code);
    }

    private static void errorPage(HttpExchange exchange, int status, String detail) throws IOException {
        Exchanges.send(exchange, status, "text/html; charset=UTF-8",
                "<!DOCTYPE html><title>Authentication Error</title><h1>Oops!</h1><p>" + detail + "</p>");
    }
}
