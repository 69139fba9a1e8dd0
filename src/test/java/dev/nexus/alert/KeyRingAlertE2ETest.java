package dev.nexus.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.Reply;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route to the Gemini API whose every key Google refuses (403) raises one key-ring alert, naming no key, and another
 * only after a key has served in between.
 */
class KeyRingAlertE2ETest {
    private static final String CLIENT_KEY = "sk-nexus-key-ring-alert-01";
    private static final String KEY_ONE = "AIza-ring-alert-key-one-111111";
    private static final String KEY_TWO = "AIza-ring-alert-key-two-222222";
    private static final String REFUSAL = "Permission denied: Consumer 'api_key:…' has been suspended.";
    @TempDir
    Path dir;
    private FakeGeminiApi google;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGeminiApi.start().acceptKey(KEY_ONE).acceptKey(KEY_TWO);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", CLIENT_KEY)
                .env("NEXUS_GEMINI_API_KEYS", KEY_ONE + "," + KEY_TWO)
                .env("NEXUS_GEMINI_BASE_URL", google.baseUrl())
                .start();
        HttpResponse<String> route = nexus.post("/api/model-routes",
                "{\"client_model\":\"ring-test-model\",\"target_provider\":\"gemini\",\"target_model\":\"gemini-2.5-flash\"}");
        assertThat(route.statusCode()).as(route.body()).isBetween(200, 201);
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    private HttpResponse<String> chat() {
        return nexus.post("/v1/chat/completions", "{\"model\":\"ring-test-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + CLIENT_KEY);
    }

    @Test
    void everyKeyRefusedRaisesOneAlertUntilAKeyServesAgain() {
        google.script().enqueue(Reply.error(403, "PERMISSION_DENIED", REFUSAL));
        google.script().enqueue(Reply.error(403, "PERMISSION_DENIED", REFUSAL));
        HttpResponse<String> refused = chat();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(google.requests(":generateContent")).hasSize(2);

        JsonNode alerts = NexusHarness.json(nexus.get("/api/alerts").body()).path("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("event").asText()).isEqualTo("key_ring.all_refused");
        assertThat(alerts.get(0).path("subject").asText()).isEqualTo("gemini key ring (2 keys, every one refused)");
        assertThat(alerts.get(0).path("reason").asText()).contains("refused");
        assertThat(alerts.toString()).doesNotContain("ring-alert-key");

        // Refused again before any key served: still the one alert.
        google.script().enqueue(Reply.error(403, "PERMISSION_DENIED", REFUSAL));
        google.script().enqueue(Reply.error(403, "PERMISSION_DENIED", REFUSAL));
        assertThat(chat().statusCode()).isEqualTo(403);
        assertThat(NexusHarness.json(nexus.get("/api/alerts").body()).path("alerts")).hasSize(1);

        // A key serves again; when both are refused once more, that is news again.
        assertThat(chat().statusCode()).isEqualTo(200);
        google.script().enqueue(Reply.error(403, "PERMISSION_DENIED", REFUSAL));
        google.script().enqueue(Reply.error(403, "PERMISSION_DENIED", REFUSAL));
        assertThat(chat().statusCode()).isEqualTo(403);
        assertThat(NexusHarness.json(nexus.get("/api/alerts").body()).path("alerts")).hasSize(2);
    }
}
