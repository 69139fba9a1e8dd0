package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/keys} on the real server: a full key appears once, in the answer that creates it. */
class ClientKeysApiTest {
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", "sk-env-key-for-scripts-0001").start();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    private JsonNode create(String name) {
        HttpResponse<String> created = nexus.post("/api/keys", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        return json(created.body());
    }

    private int modelsWith(String key) {
        return nexus.get("/v1/models", "Authorization", "Bearer " + key).statusCode();
    }

    private static String error(HttpResponse<String> res) {
        return json(res.body()).path("error").path("message").asText();
    }

    @Test
    void aCreatedKeyIsShownInFullOnceAndListedByPrefixOnly() {
        JsonNode created = create("laptop");
        String key = created.path("key").asText();
        assertThat(key).startsWith("sk-nx-").hasSizeGreaterThan(30);
        assertThat(created.path("name").asText()).isEqualTo("laptop");
        assertThat(key).startsWith(created.path("prefix").asText());

        HttpResponse<String> list = nexus.get("/api/keys");
        assertThat(list.body()).doesNotContain(key).doesNotContain(key.substring(created.path("prefix").asText().length()));
        JsonNode listed = json(list.body());
        assertThat(listed.path("environment_key").asBoolean()).isTrue();
        JsonNode laptop = listed.path("keys").get(0);
        List<String> fields = new ArrayList<>();
        laptop.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "name", "prefix", "created_at", "last_used_at", "revoked_at",
                "models", "rpm", "tpm", "concurrency", "daily_tokens", "monthly_tokens", "expires_at", "enabled");
        assertThat(laptop.path("id").asText()).isEqualTo(created.path("id").asText());
        assertThat(laptop.path("last_used_at").isNull()).isTrue();
        assertThat(modelsWith(key)).isNotEqualTo(401);
    }

    @Test
    void aRevokedKeyIsRefusedAndCannotBeRevokedTwice() {
        JsonNode created = create("ci");
        String id = created.path("id").asText();
        HttpResponse<String> revoked = nexus.delete("/api/keys/" + id);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked.body()).path("revoked").asText()).isEqualTo(id);
        assertThat(modelsWith(created.path("key").asText())).isEqualTo(401);
        assertThat(json(nexus.get("/api/keys").body()).at("/keys/0/revoked_at").isTextual()).isTrue();

        HttpResponse<String> again = nexus.delete("/api/keys/" + id);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(error(again)).contains("'" + id + "'", "GET /api/keys");
    }

    @Test
    void theEnvironmentKeyCannotBeRevokedHereAndTheErrorSaysWhatToDo() {
        HttpResponse<String> refused = nexus.delete("/api/keys/env");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(error(refused)).contains("NEXUS_API_KEY", "unset");
        assertThat(modelsWith("sk-env-key-for-scripts-0001")).isNotEqualTo(401);
    }

    @Test
    void aKeyNeedsAOneLineName() {
        for (String body : List.of("{}", "{\"name\":\"  \"}", "{\"name\":42}", "{\"name\":\"a\\nb\"}",
                "{\"name\":\"" + "x".repeat(65) + "\"}")) {
            HttpResponse<String> refused = nexus.post("/api/keys", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(error(refused)).contains("{\"name\": \"laptop\"}");
        }
        assertThat(json(nexus.get("/api/keys").body()).path("count").asInt()).isZero();
    }
}
