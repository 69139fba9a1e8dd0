package dev.nexus.admin;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/model-routes} and {@code /api/providers} on the real server, with the CLI on the same database. */
class ModelRoutesApiTest {
    private static final String ROUTES_FILE = """
            routes:
              - { client: gpt-4o, provider: google, target: gemini-3-flash, fallbacks: [gemini-2.5-flash, gemini-2.5-pro] }
              - client: o3
                target: gemini-3-pro-high
            """;
    @TempDir
    Path dir;
    private NexusHarness nexus;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/model_routes.yaml"), ROUTES_FILE);
        nexus = new NexusHarness(dir).start();
    }

    @AfterEach
    void stop() {
        nexus.close();
    }

    private JsonNode routes() {
        HttpResponse<String> res = nexus.get("/api/model-routes");
        assertThat(res.statusCode()).isEqualTo(200);
        return json(res.body());
    }

    private static List<String> clients(JsonNode list) {
        List<String> clients = new ArrayList<>();
        list.path("routes").forEach(r -> clients.add(r.path("client_model").asText() + "->" + r.path("target_provider").asText()
                + "/" + r.path("target_model").asText() + r.path("fallbacks")));
        return clients;
    }

    private static String error(HttpResponse<String> res) {
        return json(res.body()).path("error").path("message").asText();
    }

    @Test
    void theRoutesOfTheFileOnTheSearchPathAreListedWithTheirFallbacks() {
        JsonNode list = routes();
        assertThat(list.path("count").asInt()).isEqualTo(2);
        assertThat(clients(list)).containsExactly("gpt-4o->google/gemini-3-flash[\"gemini-2.5-flash\",\"gemini-2.5-pro\"]",
                "o3->google/gemini-3-pro-high[]");
        List<String> fields = new ArrayList<>();
        list.path("routes").get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "client_model", "target_provider", "target_model", "fallbacks", "is_active");
        assertThat(list.path("routes").get(0).path("is_active").asBoolean()).isTrue();
    }

    @Test
    void aRouteIsAddedReplacedAndDeleted() {
        HttpResponse<String> created = nexus.post("/api/model-routes",
                "{\"client_model\":\" my-model \",\"target_provider\":\"Google\",\"target_model\":\"gemini-3-flash\",\"fallbacks\":[\"gemini-2.5-flash\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode route = json(created.body());
        String id = route.path("id").asText();
        assertThat(route.path("client_model").asText()).isEqualTo("my-model");
        assertThat(route.path("target_provider").asText()).isEqualTo("google");
        assertThat(clients(routes())).last().isEqualTo("my-model->google/gemini-3-flash[\"gemini-2.5-flash\"]");

        HttpResponse<String> replaced = nexus.put("/api/model-routes/" + id,
                "{\"client_model\":\"my-model\",\"target_model\":\"claude-sonnet-4-5\",\"is_active\":false}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced.body()).path("is_active").asBoolean()).isFalse();
        assertThat(json(replaced.body()).path("fallbacks")).isEmpty();
        assertThat(clients(routes())).last().isEqualTo("my-model->google/claude-sonnet-4-5[]");

        HttpResponse<String> deleted = nexus.delete("/api/model-routes/" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted.body()).path("success").asBoolean()).isTrue();
        assertThat(routes().path("count").asInt()).isEqualTo(2);
    }

    @Test
    void anUnknownIdIsA404NamingIt() {
        HttpResponse<String> delete = nexus.delete("/api/model-routes/no-such-route");
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(error(delete)).contains("no model route with id \"no-such-route\"");
        HttpResponse<String> put = nexus.put("/api/model-routes/no-such-route", "{\"client_model\":\"a\",\"target_model\":\"b\"}");
        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(json(put.body()).path("error").path("code").asText()).isEqualTo("route_not_found");
    }

    @Test
    void missingNamesAndFieldsOfTheWrongTypeAre400s() {
        HttpResponse<String> noTarget = nexus.post("/api/model-routes", "{\"client_model\":\"gpt-4o-mini\"}");
        assertThat(noTarget.statusCode()).isEqualTo(400);
        assertThat(error(noTarget)).isEqualTo("client_model and target_model are required");
        assertThat(nexus.post("/api/model-routes", "{\"client_model\":\"x\",\"target_model\":\"  \"}").statusCode()).isEqualTo(400);
        HttpResponse<String> badFallbacks = nexus.post("/api/model-routes",
                "{\"client_model\":\"x\",\"target_model\":\"y\",\"fallbacks\":\"gemini-3-flash\"}");
        assertThat(badFallbacks.statusCode()).isEqualTo(400);
        assertThat(error(badFallbacks)).contains("fallbacks must be an array");
        assertThat(nexus.post("/api/model-routes", "{\"client_model\":7,\"target_model\":\"y\"}").statusCode()).isEqualTo(400);
        assertThat(nexus.post("/api/model-routes", "not json").statusCode()).isEqualTo(400);
        assertThat(routes().path("count").asInt()).isEqualTo(2);
    }

    @Test
    void aTargetOrFallbackThatIsNotAModelIdOfItsProviderIsA400NamingTheFieldAndTheRule() {
        HttpResponse<String> traversal = nexus.post("/api/model-routes",
                "{\"client_model\":\"files\",\"target_provider\":\"gemini\",\"target_model\":\"../../v1beta/files?x=\"}");
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(error(traversal)).isEqualTo("target_model \"../../v1beta/files?x=\" is not a model id provider \"gemini\" takes:"
                + " use letters, digits and . _ : - only, starting with a letter or digit, at most 128 characters, optionally after"
                + " google/ (e.g. gemini-2.5-flash)");
        assertThat(json(traversal.body()).path("error").path("code").asText()).isEqualTo("invalid_route");

        String gpt4o = routes().path("routes").get(0).path("id").asText();
        HttpResponse<String> fallback = nexus.put("/api/model-routes/" + gpt4o,
                "{\"client_model\":\"gpt-4o\",\"target_model\":\"gemini-3-flash\",\"fallbacks\":[\"gemini-2.5-pro\",\"x y\"]}");
        assertThat(fallback.statusCode()).isEqualTo(400);
        assertThat(error(fallback)).startsWith("fallbacks[1] \"x y\" is not a model id provider \"google\" takes: use letters");
        HttpResponse<String> client = nexus.post("/api/model-routes",
                "{\"client_model\":\"gpt-4o\\r\\nX-Injected: 1\",\"target_model\":\"gemini-3-flash\"}");
        assertThat(client.statusCode()).isEqualTo(400);
        assertThat(error(client)).startsWith("client_model contains a control character (U+000D) at position 6");
        assertThat(clients(routes())).containsExactly("gpt-4o->google/gemini-3-flash[\"gemini-2.5-flash\",\"gemini-2.5-pro\"]",
                "o3->google/gemini-3-pro-high[]");
    }

    @Test
    void aResetToAFileWithAnEntryThatBreaksTheRulesIsRefusedAndLeavesTheRoutesAsTheyWere() throws Exception {
        JsonNode before = routes();
        Files.writeString(dir.resolve("config/model_routes.yaml"), "routes:\n  - { client: a, target: gemini-3-flash }\n"
                + "  - { client: b, target: \"gemini-3-flash?alt=media\" }\n");
        HttpResponse<String> reset = nexus.post("/api/model-routes/reset", "");
        assertThat(reset.statusCode()).isEqualTo(422);
        assertThat(error(reset)).contains("routes[1]: target \"gemini-3-flash?alt=media\" is not a model id", "the routes are unchanged");
        assertThat(clients(routes())).isEqualTo(clients(before));
    }

    @Test
    void aSecondRouteForTheSameClientModelAndProviderIsA409() {
        String existingId = routes().path("routes").get(0).path("id").asText();
        HttpResponse<String> duplicate = nexus.post("/api/model-routes", "{\"client_model\":\"gpt-4o\",\"target_model\":\"gemini-3-pro-high\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(error(duplicate)).contains("client model \"gpt-4o\" on provider \"google\" already exists", existingId);

        String o3 = routes().path("routes").get(1).path("id").asText();
        HttpResponse<String> renamed = nexus.put("/api/model-routes/" + o3, "{\"client_model\":\"gpt-4o\",\"target_model\":\"x\"}");
        assertThat(renamed.statusCode()).isEqualTo(409);
    }

    @Test
    void aProviderThePolicyRefusesIsA422ListingTheAllowedProviders() {
        HttpResponse<String> codex = nexus.post("/api/model-routes",
                "{\"client_model\":\"claude-sonnet-4-5\",\"target_provider\":\"codex\",\"target_model\":\"gpt-5.2\"}");
        assertThat(codex.statusCode()).isEqualTo(422);
        assertThat(error(codex)).isEqualTo("provider \"codex\" is not allowed for client model \"claude-sonnet-4-5\" (allowed: google)");
        assertThat(json(codex.body()).path("error").path("code").asText()).isEqualTo("provider_not_allowed");

        String gpt4o = routes().path("routes").get(0).path("id").asText();
        HttpResponse<String> vertex = nexus.put("/api/model-routes/" + gpt4o,
                "{\"client_model\":\"gpt-4o\",\"target_provider\":\"vertex\",\"target_model\":\"gemini-3-flash\"}");
        assertThat(vertex.statusCode()).isEqualTo(422);
        assertThat(error(vertex)).isEqualTo("provider \"vertex\" is not allowed for client model \"gpt-4o\" (allowed: google, codex)");
    }

    @Test
    void resetPutsBackExactlyTheRoutesOfTheFileWithTheirFallbacks() {
        JsonNode before = routes();
        before.path("routes").forEach(r -> nexus.delete("/api/model-routes/" + r.path("id").asText()));
        nexus.post("/api/model-routes", "{\"client_model\":\"extra\",\"target_model\":\"gemini-3-flash\"}");

        HttpResponse<String> reset = nexus.post("/api/model-routes/reset", "");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        JsonNode body = json(reset.body());
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("count").asInt()).isEqualTo(2);
        assertThat(body.path("source").asText()).endsWith("config/model_routes.yaml");
        assertThat(clients(body)).isEqualTo(clients(before));
        assertThat(clients(routes())).isEqualTo(clients(before));
    }

    @Test
    void aRunningServerSeesARouteSetByTheCliWithinTwoSeconds() {
        NexusHarness.CliResult set = nexus.cli("routes", "set", "my-model", "gemini-3-pro-high", "--fallback", "gemini-3-flash");
        assertThat(set.code()).as(set.err()).isZero();
        Duration took = NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> clients(routes()).contains(
                "my-model->google/gemini-3-pro-high[\"gemini-3-flash\"]"));
        assertThat(took).isLessThan(Duration.ofSeconds(2));

        assertThat(nexus.cli("routes", "remove", "my-model").code()).isZero();
        NexusHarness.awaitTrue(Duration.ofSeconds(2), () -> routes().path("count").asInt() == 2);
    }

    @Test
    void theProvidersOfThisBuildAreListedWithTheirCapabilities() {
        JsonNode providers = json(nexus.get("/api/providers").body()).path("providers");
        assertThat(providers).hasSize(4);
        assertThat(providers.get(1).path("id").asText()).as("ChatGPT accounts, linked or not").isEqualTo("codex");
        assertThat(providers.get(2).path("id").asText()).as("the built-in catalog, sorted by id").isEqualTo("nvidia");
        assertThat(providers.get(3).path("id").asText()).isEqualTo("openrouter");
        assertThat(providers.get(3).path("type").asText()).isEqualTo("openai_compat");
        assertThat(providers.get(3).path("enabled").asBoolean()).isTrue();
        assertThat(providers.get(3).path("runtime_enabled").asBoolean()).as("no NEXUS_OPENROUTER_API_KEY").isFalse();
        assertThat(providers.get(3).path("capabilities").toString()).isEqualTo("[\"openai.chat\",\"anthropic.messages\"]");
        assertThat(providers.get(0).path("id").asText()).isEqualTo("google");
        assertThat(providers.get(0).path("type").asText()).isEqualTo("builtin");
        assertThat(providers.get(0).path("enabled").asBoolean()).isTrue();
        assertThat(providers.get(0).path("capabilities").toString())
                .isEqualTo("[\"openai.chat\",\"openai.responses\",\"genai\",\"anthropic\"]");
    }

    @Test
    void theAllowedProvidersForAClientModelFollowThePolicy() {
        JsonNode allowed = json(nexus.get("/api/providers/allowed?client_model=gpt-4o").body());
        assertThat(allowed.path("client_model").asText()).isEqualTo("gpt-4o");
        assertThat(allowed.path("providers").toString()).isEqualTo("[\"google\",\"codex\"]");
        JsonNode anthropic = json(nexus.get("/api/providers/allowed?client_model=claude-opus-4&protocol=anthropic").body());
        assertThat(anthropic.path("protocol").asText()).isEqualTo("anthropic");
        assertThat(anthropic.path("providers").toString()).isEqualTo("[\"google\"]");

        HttpResponse<String> missing = nexus.get("/api/providers/allowed");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(error(missing)).contains("client_model is required");
        assertThat(nexus.get("/api/providers/allowed?client_model=x&protocol=smtp").statusCode()).isEqualTo(400);
    }
}
