package dev.nexus.account.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.testing.FakeJwt;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recognising credential files by their shape, and reading each shape's fields. */
class CredentialFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Origin NOWHERE = new Origin("test.json", Optional.empty());

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"tokens\":{\"refresh_token\":\"rt\"}}                                   | CODEX_AUTH",
        "{\"OPENAI_API_KEY\":\"sk-x\",\"tokens\":null}                             | CODEX_AUTH",
        "{\"id\":\"u\",\"email\":\"a@x\",\"token\":{\"refresh_token\":\"r\"}}      | ANTIGRAVITY_NESTED",
        "{\"refresh_token\":\"r\",\"expires_at\":1}                                | ANTIGRAVITY_FLAT",
        "{\"refresh_token\":\"r\",\"email\":\"a@x\"}                               | ANTIGRAVITY_FLAT",
        "{\"refresh_token\":\"r\",\"expiry_date\":1,\"token_type\":\"Bearer\"}     | GEMINI_CLI",
        "{\"refresh_token\":\"r\"}                                                 | GEMINI_CLI",
        "{\"active\":\"a@x\",\"old\":[]}                                           | NONE",
        "{\"theme\":\"dark\"}                                                      | NONE",
        "[]                                                                        | NONE",
    })
    void theShapeDecidesTheFormat(String json, String expected) throws Exception {
        Optional<CredentialFormat> format = CredentialFormat.detect(JSON.readTree(json));
        assertThat(format.map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }

    @Test
    void geminiCliExpiryIsInMillisecondsAndTheEmailComesFromTheAccountListFirst() throws Exception {
        JsonNode node = JSON.readTree("{\"access_token\":\"ya29.a\",\"refresh_token\":\"1//r\",\"expiry_date\":1795000000123,"
                + "\"id_token\":\"" + FakeJwt.withClaims("{\"email\":\"from-token@example.com\"}") + "\"}");
        var listed = (ImportEntry.Candidate) GeminiCliCredentials.parse(node, new Origin("oauth_creds.json", Optional.of("listed@example.com")));
        assertThat(listed.email()).contains("listed@example.com");
        assertThat(listed.expiresAt()).contains(Instant.ofEpochMilli(1795000000123L));
        assertThat(listed.accessToken().orElseThrow().reveal()).isEqualTo("ya29.a");
        var unlisted = (ImportEntry.Candidate) GeminiCliCredentials.parse(node, NOWHERE);
        assertThat(unlisted.email()).contains("from-token@example.com");
    }

    @Test
    void antigravityExpiryIsInSecondsInBothShapes() throws Exception {
        var flat = (ImportEntry.Candidate) AntigravityCredentials.parseFlat(JSON.readTree(
                "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_at\":1795000000,\"email\":\"a@x\",\"project_id\":\"p\"}"), NOWHERE);
        var nested = (ImportEntry.Candidate) AntigravityCredentials.parseNested(JSON.readTree(
                "{\"id\":\"u\",\"email\":\"b@x\",\"token\":{\"refresh_token\":\"r\",\"expiry_timestamp\":1795000000,\"project_id\":\"q\"}}"), NOWHERE);
        assertThat(flat.expiresAt()).contains(Instant.ofEpochSecond(1795000000L));
        assertThat(flat.projectId()).contains("p");
        assertThat(nested.expiresAt()).contains(Instant.ofEpochSecond(1795000000L));
        assertThat(nested.email()).contains("b@x");
        assertThat(nested.projectId()).contains("q");
    }

    @Test
    void codexTakesEmailAndPlanFromTheIdTokenAndExpiryFromTheAccessToken() throws Exception {
        String id = FakeJwt.withClaims("{\"https://api.openai.com/profile\":{\"email\":\"c@example.com\"},"
                + "\"https://api.openai.com/auth\":{\"chatgpt_plan_type\":\"plus\",\"chatgpt_account_id\":\"acc-1\"}}");
        String access = FakeJwt.withClaims("{\"exp\":1795000000}");
        var codex = (ImportEntry.Candidate) CodexAuth.parse(JSON.readTree("{\"OPENAI_API_KEY\":null,\"tokens\":{\"id_token\":\""
                + id + "\",\"access_token\":\"" + access + "\",\"refresh_token\":\"rt_1\",\"account_id\":\"acc-1\"}}"), NOWHERE);
        assertThat(codex.provider()).isEqualTo("codex");
        assertThat(codex.email()).contains("c@example.com");
        assertThat(codex.tier()).contains("plus");
        assertThat(codex.expiresAt()).contains(Instant.ofEpochSecond(1795000000L));
    }

    @Test
    void credentialsWithoutARefreshTokenAreSkippedWithTheFix() throws Exception {
        JsonNode accessOnly = JSON.readTree("{\"access_token\":\"ya29.only\",\"expiry_date\":1}");
        var skipped = (ImportEntry.Skipped) GeminiCliCredentials.parse(accessOnly, NOWHERE);
        assertThat(skipped.reason()).contains("no refresh_token", "log in").doesNotContain("ya29.only");
        var apiKeyOnly = (ImportEntry.Skipped) CodexAuth.parse(JSON.readTree("{\"OPENAI_API_KEY\":\"sk-proj-abc\"}"), NOWHERE);
        assertThat(apiKeyOnly.reason()).contains("API key", "codex login").doesNotContain("sk-proj-abc");
    }

    @Test
    void aTokenThatIsNotAJwtHasNoClaims() {
        assertThat(Jwt.claims("ya29.not-base64!.x")).isEmpty();
        assertThat(Jwt.claims("opaque")).isEmpty();
        assertThat(Jwt.email(FakeJwt.withClaims("{\"sub\":\"1\"}"))).isEmpty();
    }
}
