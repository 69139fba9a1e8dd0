package dev.nexus.account.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.testing.SettableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentUrlTest {
    private final LoginFlows flows = new LoginFlows(new SettableClock(Instant.now()), new SecureRandom(), LoginFlows.LIFETIME);
    private final OAuthClientProfile antigravity = new OAuthClients(Optional.empty(), Optional.empty()).defaultProfile();
    private final OAuthClientProfile custom = new OAuthClients(Optional.of("client-1"), Optional.empty()).defaultProfile();

    private static Map<String, String> query(URI url) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void theUrlAsksForACodeWithPkceS256OfflineAccessAndFreshConsentOnTheAntigravityScopes() throws Exception {
        LoginFlow flow = flows.start(URI.create("http://localhost:51121/oauth-callback"), custom);

        URI url = ConsentUrl.build(URI.create("https://accounts.google.com/o/oauth2/v2/auth"), custom, flow);

        assertThat(url.getHost()).isEqualTo("accounts.google.com");
        assertThat(url.getPath()).isEqualTo("/o/oauth2/v2/auth");
        assertThat(url.getRawQuery()).doesNotContain("+").contains("scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fcloud-platform%20");
        assertThat(query(url)).containsExactly(
                Map.entry("response_type", "code"),
                Map.entry("client_id", "client-1"),
                Map.entry("redirect_uri", "http://localhost:51121/oauth-callback"),
                Map.entry("scope", "https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email"
                        + " https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/cclog"
                        + " https://www.googleapis.com/auth/experimentsandconfigs"),
                Map.entry("state", flow.state()),
                Map.entry("code_challenge", flow.pkce().challenge()),
                Map.entry("code_challenge_method", "S256"),
                Map.entry("access_type", "offline"),
                Map.entry("prompt", "consent"));
        assertThat(url.toString()).doesNotContain(flow.pkce().verifier());
    }

    @Test
    void theBuiltInClientsNameTheirOwnIdsAndScopesAndNeverTheSecret() throws Exception {
        OAuthClientProfile geminiCli = new OAuthClients(Optional.empty(), Optional.empty()).named("gemini-cli");
        URI auth = URI.create("https://accounts.google.com/o/oauth2/v2/auth");

        Map<String, String> a = query(ConsentUrl.build(auth, antigravity, flows.start(URI.create("http://localhost:1/cb"), antigravity)));
        Map<String, String> g = query(ConsentUrl.build(auth, geminiCli, flows.start(URI.create("http://localhost:1/cb"), geminiCli)));

        assertThat(a.get("client_id")).isEqualTo("1071006060591-tmhssin2h21lcre235vtolojh4g403ep.apps.googleusercontent.com");
        assertThat(a.get("scope")).endsWith("auth/cclog https://www.googleapis.com/auth/experimentsandconfigs");
        assertThat(g.get("client_id")).isEqualTo("681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com");
        assertThat(g.get("scope")).isEqualTo("https://www.googleapis.com/auth/cloud-platform"
                + " https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile");
        assertThat(String.join(" ", a.values()) + String.join(" ", g.values())).doesNotContain("GOCSPX");
        assertThat(antigravity.toString()).doesNotContain("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");
    }

    @Test
    void aQueryAlreadyOnTheAuthorizeUrlIsKept() throws Exception {
        LoginFlow flow = flows.start(URI.create("http://localhost:1234/oauth-callback"), custom);

        URI url = ConsentUrl.build(URI.create("https://sso.example/auth?hd=example.com"), custom, flow);

        assertThat(query(url)).containsEntry("hd", "example.com").containsEntry("state", flow.state());
    }
}
