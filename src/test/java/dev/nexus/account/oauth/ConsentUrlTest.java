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
import org.junit.jupiter.api.Test;

class ConsentUrlTest {
    private final LoginFlows flows = new LoginFlows(new SettableClock(Instant.now()), new SecureRandom(), LoginFlows.LIFETIME);

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
        LoginFlow flow = flows.start(URI.create("http://localhost:51121/oauth-callback"));

        URI url = ConsentUrl.build(URI.create("https://accounts.google.com/o/oauth2/v2/auth"), "client-1", flow);

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
    void aQueryAlreadyOnTheAuthorizeUrlIsKept() throws Exception {
        LoginFlow flow = flows.start(URI.create("http://localhost:1234/oauth-callback"));

        URI url = ConsentUrl.build(URI.create("https://sso.example/auth?hd=example.com"), "c", flow);

        assertThat(query(url)).containsEntry("hd", "example.com").containsEntry("state", flow.state());
    }
}
