package dev.nexus.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;

/** Google's installed-app OAuth endpoints, routed by path; the pieces share the account and token books. */
final class OAuthEndpoints implements Endpoints {
    static final String AUTHORIZE = "/o/oauth2/v2/auth";
    static final String TOKEN = "/token";
    static final String USERINFO = "/oauth2/v2/userinfo";
    static final String REVOKE = "/revoke";

    private final AuthorizeEndpoint authorize;
    private final TokenEndpoint token;
    private final UserinfoEndpoint userinfo;

    OAuthEndpoints(Accounts accounts, OAuthClientRegistry clients, Tokens tokens, AdjustableClock clock) {
        AuthorizationCodes codes = new AuthorizationCodes();
        this.authorize = new AuthorizeEndpoint(accounts, clients, codes);
        this.token = new TokenEndpoint(accounts, clients, tokens, codes, clock);
        this.userinfo = new UserinfoEndpoint(accounts, tokens, clock);
    }

    void queueConsent(AuthorizeEndpoint.Consent consent) {
        authorize.queue(consent);
    }

    void rotateRefreshTokens(boolean rotate) {
        token.rotateRefreshTokens(rotate);
    }

    List<Authorization> authorizations() {
        return authorize.authorizations();
    }

    @Override
    public boolean serves(String path) {
        return path.equals(AUTHORIZE) || path.equals(TOKEN) || path.equals(USERINFO) || path.equals(REVOKE);
    }

    @Override
    public void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        switch (request.path()) {
            case AUTHORIZE -> authorize.handle(exchange, request);
            case TOKEN -> token.handle(exchange, request);
            case USERINFO -> userinfo.userinfo(exchange, request);
            default -> userinfo.revoke(exchange, request);
        }
    }
}
