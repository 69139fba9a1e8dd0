package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake auth.openai.com: PKCE S256 logins for the Codex CLI's client, and refresh tokens that rotate. */
class OpenAiOAuthFakeTest {
    private static final String REDIRECT = "http://localhost:1455/auth/callback";
    private static final String CLIENT = FakeOpenAi.CODEX_CLIENT_ID;

    private final FakeOpenAi fake = FakeOpenAi.start();
    private final TestHttp http = new TestHttp();
    private final FakeChatGptAccount coder = fake.addAccount("coder@example.com", "plus");

    @AfterEach
    void close() {
        fake.close();
    }

    private TestHttp.Response authorize(String challenge) {
        return http.get(fake.authUrl() + "?response_type=code&client_id=" + CLIENT + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=" + enc("openid profile email offline_access") + "&code_challenge=" + challenge
                + "&code_challenge_method=S256&state=st-1&codex_cli_simplified_flow=true", null);
    }

    private TestHttp.Response exchange(String code, String verifier, String redirect) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirect, "client_id", CLIENT));
        form.put("code_verifier", verifier);
        return http.postForm(fake.tokenUrl(), form);
    }

    private TestHttp.Response refresh(String token) {
        return http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token", "refresh_token", token,
                "client_id", CLIENT, "scope", "openid profile email"));
    }

    private static JsonNode claims(String jwt) {
        return Json.tryParse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void aPkceLoginChecksTheVerifierAndTheRedirectAndIssuesChatGptIdentityClaims() {
        String verifier = "v".repeat(43);
        String challenge = AuthorizationCodes.challengeOf(verifier, "S256");

        TestHttp.Response redirect = authorize(challenge);

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.location()).startsWith(REDIRECT + "?");
        Map<String, String> params = RecordedRequest.decodeForm(URI.create(redirect.location()).getRawQuery());
        assertThat(params).containsEntry("state", "st-1");
        assertThat(fake.authorizations()).singleElement().satisfies(a -> {
            assertThat(a.codeChallenge()).isEqualTo(challenge);
            assertThat(a.email()).isEqualTo("coder@example.com");
        });
        String code = params.get("code");
        TestHttp.Response wrongVerifier = exchange(code, "w".repeat(43), REDIRECT);
        TestHttp.Response wrongRedirect = exchange(code, verifier, "http://localhost:1456/auth/callback");
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(wrongRedirect.status()).isEqualTo(400);
        assertThat(wrongRedirect.json().get("error").asText()).isEqualTo("invalid_grant");

        TestHttp.Response granted = exchange(code, verifier, REDIRECT);

        assertThat(granted.status()).isEqualTo(200);
        JsonNode id = claims(granted.json().get("id_token").asText());
        assertThat(id.get("email").asText()).isEqualTo("coder@example.com");
        assertThat(id.at("/https:~1~1api.openai.com~1auth/chatgpt_account_id").asText()).isEqualTo(coder.chatgptAccountId());
        assertThat(id.at("/https:~1~1api.openai.com~1auth/chatgpt_plan_type").asText()).isEqualTo("plus");
        JsonNode access = claims(granted.json().get("access_token").asText());
        assertThat(access.get("exp").asLong()).isGreaterThan(access.get("iat").asLong());
        assertThat(granted.json().get("refresh_token").asText()).startsWith("rt_fake-");
        assertThat(exchange(code, verifier, REDIRECT).status()).as("a code is single use").isEqualTo(400);
    }

    @Test
    void authorizeRefusesAnotherClientAndLoginsWithoutPkce() {
        TestHttp.Response otherClient = http.get(fake.authUrl() + "?response_type=code&client_id=app_other&redirect_uri="
                + enc(REDIRECT) + "&scope=openid&code_challenge=abc&code_challenge_method=S256&state=s", null);
        TestHttp.Response noPkce = http.get(fake.authUrl() + "?response_type=code&client_id=" + CLIENT + "&redirect_uri="
                + enc(REDIRECT) + "&scope=openid&state=s", null);

        assertThat(otherClient.status()).isEqualTo(400);
        assertThat(otherClient.location()).isNull();
        assertThat(noPkce.status()).isEqualTo(400);
        assertThat(noPkce.body()).contains("code_challenge");
    }

    @Test
    void deniedConsentRedirectsWithAccessDenied() {
        fake.denyConsent();

        TestHttp.Response redirect = authorize("abc");

        assertThat(RecordedRequest.decodeForm(URI.create(redirect.location()).getRawQuery()))
                .containsEntry("error", "access_denied").containsEntry("state", "st-1").doesNotContainKey("code");
    }

    @Test
    void everyRefreshRotatesAndTheOldTokenIsRefusedAsReused() {
        TestHttp.Response first = refresh(coder.refreshToken());

        assertThat(first.status()).isEqualTo(200);
        String rotated = first.json().get("refresh_token").asText();
        assertThat(rotated).isNotEqualTo(coder.refreshToken());
        assertThat(fake.account("coder@example.com").refreshToken()).isEqualTo(rotated);
        assertThat(first.json().get("id_token").asText().split("\\.")).hasSize(3);

        TestHttp.Response reused = refresh(coder.refreshToken());

        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().at("/error/code").asText()).isEqualTo("refresh_token_reused");
        assertThat(reused.json().at("/error/message").asText()).contains("already been used");
        assertThat(refresh(rotated).status()).isEqualTo(200);
    }

    @Test
    void unknownOrRevokedRefreshTokensAreInvalidGrantAndJsonBodiesWorkToo() {
        assertThat(refresh("rt_nobody").json().get("error").asText()).isEqualTo("invalid_grant");
        TestHttp.Response json = http.postJson(fake.tokenUrl(), null, "{\"client_id\":\"" + CLIENT
                + "\",\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + coder.refreshToken() + "\"}");
        assertThat(json.status()).isEqualTo(200);

        fake.revokeRefreshTokens("coder@example.com");

        TestHttp.Response revoked = refresh(json.json().get("refresh_token").asText());
        assertThat(revoked.status()).isEqualTo(400);
        assertThat(revoked.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aTokenRequestFromAnotherClientIsInvalidClient() {
        TestHttp.Response response = http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token",
                "refresh_token", coder.refreshToken(), "client_id", "app_other"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_client");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
