package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthTest {
    private static final String REDIRECT = "http://127.0.0.1:51121/oauth-callback";
    private static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email";

    private static final String CLIENT = OAuthClientRegistry.ANTIGRAVITY_ID;
    private static final String SECRET = OAuthClientRegistry.ANTIGRAVITY_SECRET;

    private final FakeGoogle fake = FakeGoogle.start();
    private final TestHttp http = new TestHttp();
    private final FakeAccount alice = fake.addAccount("alice@example.com", "alice-project");

    @AfterEach
    void close() {
        fake.close();
    }

    private TestHttp.Response refresh(String refreshToken) {
        return http.postForm(fake.tokenUrl(), Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT, "client_secret", SECRET));
    }

    private TestHttp.Response authorize(String extraQuery) {
        String query = "response_type=code&client_id=" + enc(CLIENT) + "&access_type=offline&prompt=consent&state=st-1"
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc(SCOPE) + extraQuery;
        return http.get(fake.authUrl() + "?" + query, null);
    }

    private TestHttp.Response exchange(String code, String verifier) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CLIENT, "client_secret", SECRET));
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return http.postForm(fake.tokenUrl(), form);
    }

    @Test
    void refreshGrantIssuesAnAccessTokenThatCloudCodeAndUserinfoAccept() {
        TestHttp.Response response = refresh(alice.refreshToken());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("access_token").asText()).startsWith("ya29.fake-");
        assertThat(response.json().get("expires_in").asInt()).isEqualTo(3599);
        assertThat(response.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(response.json().has("refresh_token")).isFalse();
        assertThat(response.json().get("id_token").asText().split("\\.")).hasSize(3);
        String token = response.json().get("access_token").asText();
        assertThat(http.postJson(fake.cloudCodeBaseUrl() + ":loadCodeAssist", token, "{}").status()).isEqualTo(200);
        TestHttp.Response me = http.get(fake.userinfoUrl(), token);
        assertThat(me.json().get("email").asText()).isEqualTo("alice@example.com");
        assertThat(me.json().get("verified_email").asBoolean()).isTrue();
        assertThat(me.json().get("id").asText()).isEqualTo(alice.userId());
    }

    @Test
    void revokedRefreshTokenGetsInvalidGrant() {
        fake.revokeRefreshToken(alice.email());

        TestHttp.Response response = refresh(alice.refreshToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(response.json().get("error_description").asText()).isEqualTo("Token has been expired or revoked.");
    }

    @Test
    void rotationReplacesTheRefreshTokenAndRetiresTheOldOne() {
        fake.rotateRefreshTokens(true);

        TestHttp.Response first = refresh(alice.refreshToken());

        String rotated = first.json().get("refresh_token").asText();
        assertThat(rotated).startsWith("1//fake-").isNotEqualTo(alice.refreshToken());
        assertThat(fake.account(alice.email()).refreshToken()).isEqualTo(rotated);
        assertThat(refresh(alice.refreshToken()).status()).isEqualTo(400);
        assertThat(refresh(rotated).status()).isEqualTo(200);
    }

    @Test
    void tokenRequestWithoutClientIdIsAnUnknownClient() {
        TestHttp.Response response = http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token", "refresh_token", alice.refreshToken()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(response.json().get("error_description").asText()).isEqualTo("The OAuth client was not found.");
    }

    @Test
    void authorizationCodeFlowChecksPkceAndHonoursACodeOnlyOnce() {
        String verifier = "v".repeat(43);
        String challenge = AuthorizationCodes.challengeOf(verifier, "S256");
        fake.addAccount("bob@example.com", "bob-project");
        fake.consentAs("bob@example.com");

        TestHttp.Response redirect = authorize("&code_challenge=" + challenge + "&code_challenge_method=S256");

        assertThat(redirect.status()).isEqualTo(302);
        Map<String, String> params = RecordedRequest.decodeForm(URI.create(redirect.location()).getRawQuery());
        assertThat(redirect.location()).startsWith(REDIRECT + "?");
        assertThat(params).containsEntry("state", "st-1").containsEntry("scope", SCOPE);
        String code = params.get("code");
        assertThat(fake.authorizations()).singleElement().satisfies(a -> {
            assertThat(a.codeChallenge()).isEqualTo(challenge);
            assertThat(a.codeChallengeMethod()).isEqualTo("S256");
            assertThat(a.email()).isEqualTo("bob@example.com");
        });

        TestHttp.Response wrong = exchange(code, "w".repeat(43));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(wrong.json().get("error_description").asText()).isEqualTo("Bad Request");

        TestHttp.Response granted = exchange(code, verifier);
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("refresh_token").asText()).startsWith("1//fake-");
        assertThat(granted.json().get("scope").asText()).isEqualTo(SCOPE);
        String token = granted.json().get("access_token").asText();
        assertThat(http.get(fake.userinfoUrl(), token).json().get("email").asText()).isEqualTo("bob@example.com");
        String payload = granted.json().get("id_token").asText().split("\\.")[1];
        assertThat(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).contains("\"email\":\"bob@example.com\"");

        TestHttp.Response reused = exchange(code, verifier);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void codeExchangedWithAnotherRedirectUriIsRefused() {
        String code = RecordedRequest.decodeForm(URI.create(authorize("").location()).getRawQuery()).get("code");

        TestHttp.Response response = http.postForm(fake.tokenUrl(), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "http://127.0.0.1:9/elsewhere", "client_id", CLIENT, "client_secret", SECRET));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("redirect_uri_mismatch");
        assertThat(exchange(code, null).status()).isEqualTo(200);
    }

    @Test
    void deniedConsentRedirectsWithAccessDeniedAndTheState() {
        fake.denyConsent();

        TestHttp.Response redirect = authorize("");

        assertThat(redirect.status()).isEqualTo(302);
        Map<String, String> params = RecordedRequest.decodeForm(URI.create(redirect.location()).getRawQuery());
        assertThat(params).containsEntry("error", "access_denied").containsEntry("state", "st-1").doesNotContainKey("code");
        assertThat(authorize("").location()).contains("code=");
    }

    @Test
    void anUnknownClientOrAWrongSecretIsInvalidClientAndNeverReachesTheToken() {
        TestHttp.Response unknown = http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token",
                "refresh_token", alice.refreshToken(), "client_id", "home-made.apps.googleusercontent.com", "client_secret", "x"));
        TestHttp.Response wrongSecret = http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token",
                "refresh_token", alice.refreshToken(), "client_id", CLIENT, "client_secret", "GOCSPX-wrong"));
        TestHttp.Response noSecret = http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token",
                "refresh_token", alice.refreshToken(), "client_id", CLIENT));

        for (TestHttp.Response response : List.of(unknown, wrongSecret, noSecret)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("error").asText()).isEqualTo("invalid_client");
        }
        assertThat(fake.tokenClientIds()).containsExactly("home-made.apps.googleusercontent.com", CLIENT, CLIENT);
    }

    @Test
    void aRefreshTokenWorksOnlyWithTheClientItWasIssuedTo() {
        String geminiToken = fake.issueRefreshToken("alice@example.com", FakeGoogle.GEMINI_CLI_CLIENT_ID);

        TestHttp.Response withAntigravity = refresh(geminiToken);
        TestHttp.Response withGeminiCli = http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token",
                "refresh_token", geminiToken, "client_id", FakeGoogle.GEMINI_CLI_CLIENT_ID,
                "client_secret", OAuthClientRegistry.GEMINI_CLI_SECRET));

        assertThat(withAntigravity.status()).isEqualTo(400);
        assertThat(withAntigravity.json().get("error").asText()).isEqualTo("unauthorized_client");
        assertThat(withGeminiCli.status()).isEqualTo(200);
        assertThat(refresh(alice.refreshToken()).status()).as("the older antigravity token still works").isEqualTo(200);
    }

    @Test
    void aRegisteredTestClientCanLogInAndRefresh() {
        fake.registerClient("test-client", "test-secret");
        String query = "response_type=code&client_id=test-client&state=s&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc(SCOPE);
        String code = RecordedRequest.decodeForm(URI.create(http.get(fake.authUrl() + "?" + query, null).location()).getRawQuery())
                .get("code");

        TestHttp.Response exchanged = http.postForm(fake.tokenUrl(), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", "test-client", "client_secret", "test-secret"));

        assertThat(exchanged.status()).isEqualTo(200);
        assertThat(http.postForm(fake.tokenUrl(), Map.of("grant_type", "refresh_token", "refresh_token",
                exchanged.json().get("refresh_token").asText(), "client_id", "test-client", "client_secret", "test-secret"))
                .status()).isEqualTo(200);
    }

    @Test
    void authorizeWithAnUnknownClientShowsGooglesInvalidClientPage() {
        TestHttp.Response response = http.get(fake.authUrl() + "?response_type=code&client_id=nobody&redirect_uri="
                + enc(REDIRECT) + "&scope=openid", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client", "The OAuth client was not found.");
        assertThat(response.location()).isNull();
    }

    @Test
    void authorizeWithoutClientIdShowsAnErrorPageInsteadOfRedirecting() {
        TestHttp.Response response = http.get(fake.authUrl() + "?response_type=code&redirect_uri=" + enc(REDIRECT) + "&scope=openid", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("invalid_request").contains("client_id");
        assertThat(response.location()).isNull();
    }

    @Test
    void userinfoRejectsMissingAndUnknownTokens() {
        TestHttp.Response missing = http.get(fake.userinfoUrl(), null);
        TestHttp.Response unknown = http.get(fake.userinfoUrl(), "ya29.nope");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().at("/error/message").asText()).startsWith("Request is missing required authentication credential.");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void revokingARefreshTokenAlsoEndsItsAccessTokens() {
        String token = refresh(alice.refreshToken()).json().get("access_token").asText();

        TestHttp.Response revoked = http.postForm(fake.revokeUrl(), Map.of("token", alice.refreshToken()));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(refresh(alice.refreshToken()).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.get(fake.userinfoUrl(), token).status()).isEqualTo(401);
        assertThat(http.postForm(fake.revokeUrl(), Map.of("token", alice.refreshToken())).status()).isEqualTo(400);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
