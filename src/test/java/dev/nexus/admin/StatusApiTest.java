package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/status}: what the dashboard's status panel and snippets are built from. */
class StatusApiTest {
    private static final String GEMINI_ONE = "AIzaSyStatusTestKeyNumberOne00000000001";
    private static final String GEMINI_TWO = "AIzaSyStatusTestKeyNumberTwo00000000002";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).usingGoogle(google).env("NEXUS_GEMINI_API_KEYS", GEMINI_ONE + "," + GEMINI_TWO);
        for (String email : List.of("alice@example.com", "bob@example.com")) {
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.addAccount(email, "p-" + email).refreshToken())
                    .code()).isZero();
        }
        assertThat(nexus.cli("accounts", "disable", "bob@example.com").code()).isZero();
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    private JsonNode status(String... headers) {
        var res = nexus.get("/api/status", headers);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).doesNotContain(GEMINI_ONE, GEMINI_TWO, "alice@", "bob@");
        return json(res.body());
    }

    private static List<String> surfaces(JsonNode status) {
        List<String> out = new ArrayList<>();
        status.path("surfaces").forEach(s -> out.add(s.path("id").asText() + ":" + s.path("ready").asBoolean()));
        return out;
    }

    @Test
    void theBaseUrlIsTheAddressTheClientUsedWithTheSchemeAProxyReports() {
        assertThat(status().path("base_url").asText()).isEqualTo(nexus.baseUrl());
        assertThat(status("X-Forwarded-Proto", "https").path("base_url").asText())
                .isEqualTo(nexus.baseUrl().replace("http://", "https://"));
    }

    @Test
    void accountsAreCountedByStateAndProvider() {
        JsonNode accounts = status().path("accounts");
        assertThat(accounts.path("total").asInt()).isEqualTo(2);
        assertThat(accounts.path("usable_google").asInt()).isEqualTo(1);
        assertThat(accounts.at("/by_state/active").asInt()).isEqualTo(1);
        assertThat(accounts.at("/by_state/disabled").asInt()).isEqualTo(1);
        assertThat(accounts.at("/by_provider/google").asInt()).isEqualTo(2);
    }

    @Test
    void keyUpstreamsShowCountsAndMaskedLabelsAndWhatToSetWhenMissing() {
        JsonNode status = status();
        assertThat(status.at("/gemini_api/configured").asBoolean()).isTrue();
        assertThat(status.at("/gemini_api/keys").asInt()).isEqualTo(2);
        assertThat(status.at("/gemini_api/labels/0").asText()).isEqualTo("***…000001");
        assertThat(status.at("/vertex/configured").asBoolean()).isFalse();
        assertThat(surfaces(status)).containsExactly("openai_chat:true", "openai_responses:true", "anthropic:true",
                "genai:true", "gemini_api:true", "vertex:false");
        assertThat(status.at("/surfaces/5/note").asText()).contains("NEXUS_VERTEX_API_KEY");
        assertThat(status.at("/client_keys/active").asInt()).isEqualTo(1);
    }

    @Test
    void withoutAnActiveGoogleAccountThePoolSurfacesSayWhatToDo() {
        assertThat(nexus.cli("accounts", "disable", "alice@example.com").code()).isZero();
        NexusHarness.awaitTrue(java.time.Duration.ofSeconds(3), () -> status().at("/accounts/usable_google").asInt() == 0);
        JsonNode chat = status().path("surfaces").get(0);
        assertThat(chat.path("ready").asBoolean()).isFalse();
        assertThat(chat.path("note").asText()).contains("Add account");
    }
}
