package dev.nexus.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** {@code GET /oauth2/v2/userinfo} and {@code POST /revoke}: the two OAuth calls that take a token, not a grant. */
final class UserinfoEndpoint {
    private static final String REALM = "Bearer realm=\"https://accounts.google.com/\"";

    private final Accounts accounts;
    private final Tokens tokens;
    private final AdjustableClock clock;

    UserinfoEndpoint(Accounts accounts, Tokens tokens, AdjustableClock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
    }

    void userinfo(HttpExchange exchange, RecordedRequest request) throws IOException {
        switch (tokens.check(request.header("authorization"))) {
            case Tokens.Bearer.Valid valid -> {
                AccountState account = accounts.get(valid.email());
                ObjectNode body = Json.object()
                        .put("id", account.userId())
                        .put("email", account.email())
                        .put("verified_email", true)
                        .put("name", displayName(account.email()))
                        .put("picture", "https://lh3.googleusercontent.com/a/fake-" + account.userId());
                Exchanges.json(exchange, 200, body);
            }
            case Tokens.Bearer.Missing missing -> unauthenticated(exchange, GoogleErrors.MISSING_CREDENTIALS, REALM);
            case Tokens.Bearer.Expired expired -> unauthenticated(exchange, GoogleErrors.INVALID_CREDENTIALS, REALM + ", error=\"invalid_token\"");
            case Tokens.Bearer.Unknown unknown -> unauthenticated(exchange, GoogleErrors.INVALID_CREDENTIALS, REALM + ", error=\"invalid_token\"");
        }
    }

    void revoke(HttpExchange exchange, RecordedRequest request) throws IOException {
        String token = request.form().get("token");
        if (token == null) {
            token = request.queryParam("token");
        }
        if (token != null && tokens.revoke(token)) {
            Exchanges.json(exchange, 200, Json.object());
        } else {
            Exchanges.json(exchange, 400, GoogleErrors.oauth("invalid_token", "Token expired or revoked"));
        }
    }

    private void unauthenticated(HttpExchange exchange, String message, String challenge) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
        Exchanges.error(exchange, new GoogleError(401, "UNAUTHENTICATED", message, List.of(), false), null, clock.now());
    }

    private static String displayName(String email) {
        String local = email.substring(0, Math.max(0, email.indexOf('@')));
        return local.isEmpty() ? email : local.substring(0, 1).toUpperCase(Locale.ROOT) + local.substring(1);
    }
}
