package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import dev.nexus.testing.SettableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's policy fields through {@code nexus keys create|update|list --json} and {@code /api/keys} (POST, PATCH, PUT):
 * what one writes the other reads, {@code none} and null clear a limit, bad values are refused naming the field.
 */
class KeyPolicyRoundTripTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        nexus = new NexusHarness(dir).clock(new SettableClock(NOW)).env("NEXUS_API_KEY", "sk-env-key-for-scripts-0001").start();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    private HttpResponse<String> patch(String path, String body) {
        return nexus.send(nexus.request(path).method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    private JsonNode listed(String id) {
        for (JsonNode key : json(nexus.get("/api/keys").body()).path("keys")) {
            if (key.path("id").asText().equals(id)) {
                return key;
            }
        }
        throw new AssertionError("no key " + id + " in /api/keys");
    }

    private JsonNode cliListed(String id) {
        NexusHarness.CliResult list = nexus.cli("keys", "list", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        for (JsonNode key : list.json()) {
            if (key.path("id").asText().equals(id)) {
                return key;
            }
        }
        throw new AssertionError("no key " + id + " in keys list --json");
    }

    @Test
    void theCliWritesWhatTheApiReadsAndTheApiWritesWhatTheCliReads() {
        NexusHarness.CliResult created = nexus.cli("keys", "create", "--name", "team", "--models", "gemini-*,claude-sonnet-*",
                "--rpm", "60", "--tpm", "200000", "--concurrency", "4", "--daily-tokens", "2000000",
                "--monthly-tokens", "50000000", "--expires-in", "30d", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        String id = created.json().path("id").asText();

        JsonNode api = listed(id);
        assertThat(api.path("models").toString()).isEqualTo("[\"gemini-*\",\"claude-sonnet-*\"]");
        assertThat(api.path("rpm").asLong()).isEqualTo(60);
        assertThat(api.path("tpm").asLong()).isEqualTo(200_000);
        assertThat(api.path("concurrency").asLong()).isEqualTo(4);
        assertThat(api.path("daily_tokens").asLong()).isEqualTo(2_000_000);
        assertThat(api.path("monthly_tokens").asLong()).isEqualTo(50_000_000);
        assertThat(api.path("expires_at").asText()).isEqualTo("2027-01-05T12:00:00Z");
        assertThat(api.path("enabled").asBoolean()).isTrue();

        HttpResponse<String> patched = patch("/api/keys/" + id, "{\"rpm\":null,\"models\":[\"gpt-*\"],\"expires_in\":\"12h\",\"enabled\":false}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        JsonNode cli = cliListed(id);
        assertThat(cli.path("rpm").isNull()).isTrue();
        assertThat(cli.path("models").toString()).isEqualTo("[\"gpt-*\"]");
        assertThat(cli.path("tpm").asLong()).as("left out, kept").isEqualTo(200_000);
        assertThat(cli.path("expires_at").asText()).isEqualTo("2026-12-07T00:00:00Z");
        assertThat(cli.path("enabled").asBoolean()).isFalse();

        NexusHarness.CliResult updated = nexus.cli("keys", "update", id, "--tpm", "none", "--models", "none",
                "--expires-at", "2027-02-01T00:00:00Z", "--enable", "--rpm", "5", "--json");
        assertThat(updated.code()).as(updated.err()).isZero();
        JsonNode after = listed(id);
        assertThat(after.path("tpm").isNull()).isTrue();
        assertThat(after.path("models").size()).isZero();
        assertThat(after.path("rpm").asLong()).isEqualTo(5);
        assertThat(after.path("expires_at").asText()).isEqualTo("2027-02-01T00:00:00Z");
        assertThat(after.path("enabled").asBoolean()).isTrue();

        HttpResponse<String> replaced = nexus.put("/api/keys/" + id, "{\"concurrency\":2}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode whole = json(replaced.body());
        assertThat(whole.path("concurrency").asLong()).isEqualTo(2);
        assertThat(whole.path("rpm").isNull()).as("PUT sets the whole policy").isTrue();
        assertThat(whole.path("name").asText()).isEqualTo("team");
    }

    @Test
    void aKeyCreatedThroughTheApiCarriesItsPolicy() {
        HttpResponse<String> created = nexus.post("/api/keys", "{\"name\":\"ci\",\"rpm\":10,\"daily_tokens\":1000,\"expires_at\":\"2027-01-01T00:00:00Z\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created.body());
        assertThat(body.path("rpm").asLong()).isEqualTo(10);
        assertThat(body.path("daily_tokens").asLong()).isEqualTo(1000);
        assertThat(body.path("tpm").isNull()).isTrue();
        assertThat(cliListed(body.path("id").asText()).path("expires_at").asText()).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndTheEnvironmentKeyHasNoPolicy() {
        HttpResponse<String> zero = nexus.post("/api/keys", "{\"name\":\"x\",\"rpm\":0}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero.body()).path("error").path("message").asText()).contains("'rpm'");
        HttpResponse<String> duration = nexus.post("/api/keys", "{\"name\":\"x\",\"expires_in\":\"soon\"}");
        assertThat(json(duration.body()).path("error").path("message").asText()).contains("'soon'").contains("30d");

        NexusHarness.CliResult cli = nexus.cli("keys", "create", "--rpm", "zero");
        assertThat(cli.code()).isNotZero();
        assertThat(cli.err()).contains("--rpm").contains("none");

        HttpResponse<String> env = patch("/api/keys/env", "{\"rpm\":1}");
        assertThat(env.statusCode()).isEqualTo(409);
        assertThat(patch("/api/keys/key_missing", "{\"rpm\":1}").statusCode()).isEqualTo(404);
    }
}
