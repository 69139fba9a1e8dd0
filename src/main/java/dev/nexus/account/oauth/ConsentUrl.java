package dev.nexus.account.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Google's consent-page URL for one login attempt: authorization code with PKCE S256, offline access, forced consent,
 * the client and scopes of the attempt's OAuth client profile.
 */
public final class ConsentUrl {
    private ConsentUrl() {}

    /**
     * {@code prompt=consent} with {@code access_type=offline} makes Google issue a refresh token on every login,
     * also for a user who consented before; without it a re-login would get no refresh token.
     */
    public static URI build(URI authUrl, OAuthClientProfile client, LoginFlow flow) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", flow.redirectUri().toString());
        query.put("scope", String.join(" ", client.scopes()));
        query.put("state", flow.state());
        query.put("code_challenge", flow.pkce().challenge());
        query.put("code_challenge_method", "S256");
        query.put("access_type", "offline");
        query.put("prompt", "consent");
        String base = authUrl.toString();
        String separator = authUrl.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    /** Percent-encoding for a query component: spaces as {@code %20}, not the form encoding's {@code +}. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
