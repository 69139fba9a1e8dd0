package dev.nexus.gateway;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.FakeModel;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live model catalog through the real server and the strict fake Cloud Code (404 NOT_FOUND for any model its
 * catalog lacks): what client names resolve to, how the decision is shown and recorded, the 404 for a name nothing
 * resolves, the model lists, and the catalog following the accounts.
 */
class ModelCatalogE2ETest {
    private static final String KEY = "sk-model-catalog-e2e-01";
    private static final List<String> CATALOG = FakeModel.defaults().stream().map(FakeModel::id).toList();
    private static final Duration SOON = Duration.ofSeconds(5);
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google);
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    private void link(String... names) {
        for (String name : names) {
            google.addAccount(name + "@example.com", "proj-" + name);
            assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account(name + "@example.com").refreshToken(),
                    "--email", name + "@example.com", "--project", "proj-" + name).code()).isZero();
        }
    }

    private HttpResponse<String> claude(String model) {
        return nexus.post("/anthropic/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", KEY, "anthropic-version", "2023-06-01");
    }

    private HttpResponse<String> chat(String model) {
        return nexus.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + KEY);
    }

    private static String route(HttpResponse<String> res) {
        return res.headers().firstValue("X-Nexus-Route").orElse("");
    }

    /** Generation calls the fake received (countTokens included), in order. */
    private List<RecordedRequest> modelCalls() {
        return google.requests().stream().filter(r -> r.path().endsWith(":generateContent")
                || r.path().endsWith(":streamGenerateContent") || r.path().endsWith(":countTokens")).toList();
    }

    private List<String> modelsAsked() {
        return modelCalls().stream().map(r -> r.json().has("model") ? r.json().path("model").asText()
                : r.json().at("/request/model").asText().replace("models/", "")).toList();
    }

    @Test
    void claudeCodesNamesResolveToCatalogModelsAndTheHeaderAndMonitorSayHow() {
        link("alice");
        nexus.start();
        HttpResponse<String> opus = claude("claude-opus-4-8");
        assertThat(opus.statusCode()).as(opus.body()).isEqualTo(200);
        assertThat(route(opus)).startsWith("resolved claude-opus-4-8 -> claude-opus-4-6-thinking (family claude-opus, nearest version);"
                + " google/claude-opus-4-6-thinking@");

        HttpResponse<String> haiku = claude("claude-haiku-4-5-20251001");
        assertThat(haiku.statusCode()).as(haiku.body()).isEqualTo(200);
        assertThat(route(haiku)).startsWith("resolved claude-haiku-4-5-20251001 -> claude-sonnet-4-5"
                + " (family claude-haiku not in the catalog, nearest family claude-sonnet); google/claude-sonnet-4-5@");

        HttpResponse<String> thinking = nexus.post("/anthropic/v1/messages", "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":2048,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(route(thinking)).as(thinking.body()).startsWith("resolved claude-sonnet-4-6 -> claude-sonnet-4-5-thinking");

        assertThat(modelsAsked()).containsExactly("claude-opus-4-6-thinking", "claude-sonnet-4-5", "claude-sonnet-4-5-thinking");
        JsonNode records = awaitRecords(3);
        assertThat(records.findValuesAsText("attempts")).contains(route(opus), route(haiku));
    }

    @Test
    void aNameNothingResolvesIsA404InTheClientsDialectListingTheModelsWithNoUpstreamCall() {
        link("alice");
        nexus.start();

        HttpResponse<String> openai = chat("gpt-4.1-nano");
        assertThat(openai.statusCode()).isEqualTo(404);
        JsonNode error = json(openai.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("model_not_found");
        assertThat(error.path("message").asText()).contains("'gpt-4.1-nano'").contains(CATALOG).contains("gpt-4o");

        HttpResponse<String> anthropic = claude("claude-instant-1");
        assertThat(anthropic.statusCode()).isEqualTo(404);
        assertThat(json(anthropic.body()).at("/error/type").asText()).isEqualTo("not_found_error");
        assertThat(json(anthropic.body()).at("/error/message").asText()).contains("'claude-instant-1'").contains(CATALOG);

        HttpResponse<String> genai = nexus.post("/genai/v1beta/models/gemini-embedding-001:generateContent",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}", "x-goog-api-key", KEY);
        assertThat(genai.statusCode()).isEqualTo(404);
        assertThat(json(genai.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(json(genai.body()).at("/error/message").asText()).contains("'gemini-embedding-001'").contains(CATALOG);
        assertThat(route(genai)).startsWith("unresolved gemini-embedding-001");

        HttpResponse<String> count = nexus.post("/anthropic/v1/messages/count_tokens", "{\"model\":\"claude-instant-1\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", KEY, "anthropic-version", "2023-06-01");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(404);

        assertThat(modelCalls()).as("no model was asked upstream").isEmpty();
    }

    @Test
    void theModelListsShowTheCatalogAndRoutedNamesButNoWildcards() {
        link("alice");
        nexus.start();
        assertThat(nexus.post("/api/model-routes", "{\"client_model\":\"claude-opus-*\",\"target_model\":\"claude-sonnet-4-5\"}")
                .statusCode()).isEqualTo(201);

        List<String> openai = ids(json(nexus.get("/v1/models", "Authorization", "Bearer " + KEY).body()).path("data"), "id");
        assertThat(openai).containsAll(CATALOG).contains("gpt-4o", "claude-haiku-4-5").doesNotContain("claude-opus-*");

        // Claude Code (2.1, gateway model discovery) asks {base}/v1/models?limit=1000 with anthropic-version and a
        // bearer token, and keeps the ids starting with claude or anthropic; the base may be /anthropic or the root.
        for (String path : List.of("/anthropic/v1/models?limit=1000", "/v1/models?limit=1000")) {
            HttpResponse<String> res = nexus.get(path, "Authorization", "Bearer " + KEY, "anthropic-version", "2023-06-01");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            JsonNode list = json(res.body());
            assertThat(list.path("has_more").asBoolean(true)).isFalse();
            assertThat(list.at("/data/0/type").asText()).isEqualTo("model");
            assertThat(ids(list.path("data"), "id")).containsAll(CATALOG).contains("gpt-4o").doesNotContain("claude-opus-*");
        }
        HttpResponse<String> one = nexus.get("/anthropic/v1/models/claude-opus-4-6-thinking", "x-api-key", KEY,
                "anthropic-version", "2023-06-01");
        assertThat(json(one.body()).path("display_name").asText()).isEqualTo("Claude Opus 4.6 Thinking");

        List<String> genai = ids(json(nexus.get("/genai/v1beta/models", "x-goog-api-key", KEY).body()).path("models"), "name");
        assertThat(genai).containsAll(CATALOG.stream().map(id -> "models/" + id).toList()).doesNotContain("models/claude-opus-*");
    }

    @Test
    void aWildcardRouteTakesWhatItMatchesAndAnExactRouteStillWins() {
        link("alice");
        nexus.start();
        assertThat(nexus.post("/api/model-routes", "{\"client_model\":\"claude-opus-*\",\"target_model\":\"claude-sonnet-4-5\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> res = claude("claude-opus-4-8");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(route(res)).startsWith("resolved claude-opus-4-8 -> claude-sonnet-4-5 (wildcard route claude-opus-*)");
        HttpResponse<String> exact = claude("claude-opus-4-6");
        assertThat(route(exact)).startsWith("resolved claude-opus-4-6 -> claude-opus-4-6-thinking (route)");
        assertThat(modelsAsked()).containsExactly("claude-sonnet-4-5", "claude-opus-4-6-thinking");

        assertThat(claude("claude-opus-*").statusCode()).as("a glob is for routes, not requests").isEqualTo(400);

        HttpResponse<String> badTarget = nexus.post("/api/model-routes", "{\"client_model\":\"gemini-*\",\"target_model\":\"gemini-*\"}");
        assertThat(badTarget.statusCode()).as("a target is a model id, never a pattern").isEqualTo(400);
    }

    @Test
    void anAccountIsAskedOnlyForModelsItsOwnCatalogLists() {
        link("alice", "bob");
        google.models("alice@example.com", FakeModel.defaults().stream().filter(m -> m.id().startsWith("gemini")).toList());
        nexus.start();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> res = claude("claude-sonnet-4-5");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        }
        assertThat(modelCalls()).hasSize(3).allSatisfy(r -> assertThat(r.json().path("project").asText()).isEqualTo("proj-bob"));
    }

    @Test
    void aModelGoneFromTheCatalogIsSeenAfterItsFirst404() {
        link("alice");
        nexus.start();
        assertThat(chat("gemini-3-flash").statusCode()).isEqualTo(200);
        google.models(FakeModel.defaults().stream().filter(m -> !m.id().equals("gemini-3-flash")).toList());

        HttpResponse<String> gone = chat("gemini-3-flash");
        assertThat(gone.statusCode()).as("the cached catalog still lists it; Cloud Code refuses it").isEqualTo(404);
        HttpResponse<String> after = chat("gemini-3-flash");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(route(after)).startsWith("resolved gemini-3-flash -> gemini-2.5-flash (family gemini-flash, nearest version)");
        assertThat(modelsAsked()).containsExactly("gemini-3-flash", "gemini-3-flash", "gemini-2.5-flash");
    }

    @Test
    void whenTheCatalogCannotBeFetchedTheLastKnownOneStillResolvesNames() {
        link("alice");
        nexus.start();
        assertThat(chat("gemini-3-flash").statusCode()).isEqualTo(200);
        google.failModelLists(true);
        google.models(FakeModel.defaults().stream().filter(m -> !m.id().equals("gemini-3-flash")).toList());
        assertThat(chat("gemini-3-flash").statusCode()).as("Cloud Code's 404 makes Nexus fetch the catalog again").isEqualTo(404);
        int lists = google.requests(":fetchAvailableModels").size();

        HttpResponse<String> opus = claude("claude-opus-4-8");
        assertThat(opus.statusCode()).as(opus.body()).isEqualTo(200);
        assertThat(route(opus)).startsWith("resolved claude-opus-4-8 -> claude-opus-4-6-thinking (family claude-opus");
        assertThat(google.requests(":fetchAvailableModels")).as("the fetch was tried, and failed").hasSizeGreaterThan(lists);
    }

    @Test
    void withNoCatalogKnownANameGoesUpstreamAsSent() {
        link("alice");
        google.models(List.of());
        nexus.start();
        HttpResponse<String> res = chat("gemini-9-ultra");
        assertThat(route(res)).startsWith("resolved gemini-9-ultra -> gemini-9-ultra (no model catalog known yet, sent as asked)");
        assertThat(modelsAsked()).containsExactly("gemini-9-ultra");
        assertThat(res.statusCode()).as("the strict fake refuses it, as Cloud Code would").isEqualTo(404);
    }

    private JsonNode awaitRecords(int count) {
        List<JsonNode> page = new ArrayList<>();
        NexusHarness.awaitTrue(SOON, () -> {
            page.clear();
            page.add(json(nexus.get("/api/monitor/requests").body()));
            return page.get(0).path("records").size() >= count;
        });
        return page.get(0).path("records");
    }

    private static List<String> ids(JsonNode array, String field) {
        return Stream.of(array).flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
                .map(n -> n.path(field).asText()).toList();
    }
}
