package dev.nexus.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code GET /o/oauth2/v2/auth}: no browser, no login page — the test decides who consents. */
final class AuthorizeEndpoint {

    /** What the next authorize visit does. */
    sealed interface Consent {
        record As(String email) implements Consent {}

        record Deny() implements Consent {}
    }

    private final Accounts accounts;
    private final OAuthClientRegistry clients;
    private final AuthorizationCodes codes;
    private final Queue<Consent> consents = new ConcurrentLinkedQueue<>();
    private final List<Authorization> authorizations = new CopyOnWriteArrayList<>();

    AuthorizeEndpoint(Accounts accounts, OAuthClientRegistry clients, AuthorizationCodes codes) {
        this.accounts = accounts;
        this.clients = clients;
        this.codes = codes;
    }

    void queue(Consent consent) {
        consents.add(consent);
    }

    List<Authorization> authorizations() {
        return List.copyOf(authorizations);
    }

    void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        Map<String, String> q = RecordedRequest.decodeForm(request.query() == null ? "" : request.query());
        for (String required : List.of("client_id", "redirect_uri", "response_type", "scope")) {
            if (q.get(required) == null || q.get(required).isBlank()) {
                errorPage(exchange, "Missing required parameter: " + required);
                return;
            }
        }
        if (!clients.known(q.get("client_id"))) {
            errorPage(exchange, 401, "invalid_client", "The OAuth client was not found.");
            return;
        }
        if (!q.get("response_type").equals("code")) {
            errorPage(exchange, "Invalid response_type: " + q.get("response_type"));
            return;
        }
        String challenge = q.get("code_challenge");
        String method = q.getOrDefault("code_challenge_method", "plain");
        if (challenge != null && !method.equals("S256") && !method.equals("plain")) {
            errorPage(exchange, "Invalid code_challenge_method: " + method);
            return;
        }
        Consent consent = consents.poll();
        if (consent == null) {
            consent = accounts.first().<Consent>map(a -> new Consent.As(a.email())).orElse(null);
        }
        if (consent == null) {
            Exchanges.send(exchange, 500, "text/plain; charset=UTF-8", "fake: no account to consent as; call addAccount first");
            return;
        }
        String redirect = q.get("redirect_uri");
        switch (consent) {
            case Consent.Deny deny -> {
                authorizations.add(log(q, null, null));
                Exchanges.redirect(exchange, Exchanges.withQuery(redirect, "error", "access_denied", "state", q.get("state")));
            }
            case Consent.As as -> {
                String code = codes.issue(new AuthorizationCodes.Grant(
                        as.email(), q.get("client_id"), redirect, q.get("scope"), challenge, challenge == null ? null : method));
                authorizations.add(log(q, as.email(), code));
                Exchanges.redirect(exchange, Exchanges.withQuery(redirect, "state", q.get("state"), "code", code, "scope", q.get("scope")));
            }
        }
    }

    private static Authorization log(Map<String, String> q, String email, String code) {
        return new Authorization(q.get("client_id"), q.get("redirect_uri"), q.get("scope"), q.get("state"),
                q.get("access_type"), q.get("prompt"), q.get("code_challenge"), q.get("code_challenge_method"), email, code);
    }

    // Google shows people an HTML error page here rather than redirecting, since the redirect target is suspect.
    private static void errorPage(HttpExchange exchange, String detail) throws IOException {
        errorPage(exchange, 400, "invalid_request", detail);
    }

    private static void errorPage(HttpExchange exchange, int status, String error, String detail) throws IOException {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><title>Error " + status + " (" + error + ")</title></head><body>"
                + "<h1>Access blocked: Authorization Error</h1><p>Error " + status + ": " + error + "</p><p>" + detail
                + "</p></body></html>";
        Exchanges.send(exchange, status, "text/html; charset=UTF-8", html);
    }
}
