package dev.nexus.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.AccountDirectory;
import dev.nexus.account.oauth.LoginAttempt;
import dev.nexus.account.oauth.LoginException;
import dev.nexus.account.oauth.LoginPage;
import dev.nexus.account.oauth.LoginResult;
import dev.nexus.account.oauth.Logins;
import dev.nexus.account.oauth.OAuthClients;
import dev.nexus.server.HttpError;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Google and ChatGPT logins from the browser and from scripts (all admin-protected by the server). ChatGPT logins
 * ({@code "provider": "codex"} in the body, or {@code GET /auth/codex/login}) go through OpenAI's sign-in; the rest is
 * the same:
 * {@code GET /auth/google/login[?client=NAME]} starts a login and redirects to Google's consent page;
 * {@code POST /api/accounts/login} with an optional {@code {"client": NAME}} starts one and answers
 * {@code {"state","url","redirect_uri","expires_at","oauth_client"}}; without a name the default OAuth client profile
 * is used (custom when GOOGLE_CLIENT_ID is set, else antigravity);
 * {@code POST /api/accounts/login/complete} with {@code {"url": "<final redirect URL>"}} finishes one from the
 * address a browser on another machine ended on.
 */
public final class LoginApi implements Routes {
    private final Logins logins;
    private final Logins codexLogins;
    private final AccountDirectory directory;
    private final Replies replies;
    private final JsonBodies bodies;

    /** @param directory reloaded after a pasted login, so the next account list already shows the account */
    public LoginApi(Logins logins, Logins codexLogins, AccountDirectory directory, Replies replies, JsonBodies bodies) {
        this.logins = logins;
        this.codexLogins = codexLogins;
        this.directory = directory;
        this.replies = replies;
        this.bodies = bodies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/auth/google/login", (req, res) -> browserLogin(logins, req, res))
                .get("/auth/codex/login", (req, res) -> browserLogin(codexLogins, req, res))
                .post("/api/accounts/login", this::start)
                .post("/api/accounts/login/complete", this::complete);
    }

    private void browserLogin(Logins logins, ServerRequest req, ServerResponse res) {
        try {
            Optional<String> client = req.query().first("client").asOptional().filter(c -> !c.isBlank());
            LoginAttempt attempt = logins.startWithListener(dashboard(req), logins.client(client));
            res.status(302);
            res.header(HeaderNames.LOCATION, attempt.consentUrl().toString());
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send();
        } catch (LoginException e) {
            res.status(e.reason().status());
            LoginPage.HEADERS.forEach((name, value) -> res.header(HeaderNames.create(name), value));
            res.send(LoginPage.failure(e, Optional.of(URI.create("/"))).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void start(ServerRequest req, ServerResponse res) {
        JsonNode request = req.content().hasEntity() ? bodies.readObject(req) : JsonNodeFactory.instance.objectNode();
        Optional<String> client = text(request, "client");
        Logins chosen = switch (text(request, "provider").orElse("google").toLowerCase(Locale.ROOT)) {
            case "google" -> logins;
            case "codex", "chatgpt" -> codexLogins;
            default -> throw new HttpError(400, "unknown provider \"" + request.path("provider").asText()
                    + "\": use google (a Google account) or codex (a ChatGPT account)", "invalid_request_error");
        };
        LoginAttempt attempt = orError(() -> chosen.startWithListener(dashboard(req), chosen.client(client)));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("state", attempt.flow().state());
        body.put("url", attempt.consentUrl().toString());
        body.put("redirect_uri", attempt.flow().redirectUri().toString());
        body.put("expires_at", attempt.flow().expiresAt().toString());
        body.put("oauth_client", attempt.flow().client().name());
        if (chosen == logins) {
            body.put("notice", OAuthClients.TERMS_NOTICE);
        }
        replies.json(res, 200, body);
    }

    private void complete(ServerRequest req, ServerResponse res) {
        JsonNode url = bodies.readObject(req).path("url");
        if (!url.isTextual() || url.asText().isBlank()) {
            throw new HttpError(400, "send {\"url\": \"<the address the browser ended on after Google's consent page>\"}",
                    "invalid_request_error");
        }
        LoginResult result;
        try {
            // The state names the attempt, and each provider knows only its own: ask the ChatGPT side when Google does not.
            result = orError(() -> {
                try {
                    return logins.completePasted(url.asText());
                } catch (LoginException e) {
                    if (e.reason() != LoginException.Reason.UNKNOWN_STATE) {
                        throw e;
                    }
                    return codexLogins.completePasted(url.asText());
                }
            });
        } finally {
            directory.refreshIfChanged();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("result", result.created() ? "created" : "updated");
        body.set("account", AccountsApi.view(result.account()));
        replies.json(res, 200, body);
    }

    private static Optional<String> text(JsonNode body, String field) {
        return Optional.of(body.path(field)).filter(JsonNode::isTextual).map(JsonNode::asText).filter(c -> !c.isBlank());
    }

    /** The dashboard as this browser reached it, for the link on the result page. */
    private static Optional<URI> dashboard(ServerRequest req) {
        return ClientAddress.of(req).map(origin -> URI.create(origin + "/"));
    }

    private interface LoginCall<T> {
        T call() throws LoginException;
    }

    private static <T> T orError(LoginCall<T> call) {
        try {
            return call.call();
        } catch (LoginException e) {
            throw new HttpError(e.reason().status(), e.getMessage(), "login_" + e.reason().name().toLowerCase(Locale.ROOT));
        }
    }
}
