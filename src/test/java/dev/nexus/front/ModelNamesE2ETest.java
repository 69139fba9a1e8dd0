package dev.nexus.front;

import static dev.nexus.testing.NexusHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.config.Settings;
import dev.nexus.fake.FakeGeminiApi;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.fake.RecordedRequest;
import dev.nexus.fake.Reply;
import dev.nexus.gateway.ModelRoute;
import dev.nexus.store.Database;
import dev.nexus.store.SqlModelRoutes;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model names through the real server: a name with control characters is a 400 in the path's dialect, and no model id
 * that breaks its provider's rule — a route's target made before the rule, a client's name passed on unrouted — reaches
 * an upstream. Both fakes would answer any call, so a check that let one through would show as a 200.
 */
class ModelNamesE2ETest {
    private static final String KEY = "sk-model-names-e2e-0001";
    private static final String GEMINI_KEY = "AIzaSyModelNames-aaaaaaaaaaaaaaaa1111";
    private static final String HI = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private FakeGeminiApi gemini;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("alice@example.com", "proj-alice");
        gemini = FakeGeminiApi.start().acceptKey(GEMINI_KEY);
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google)
                .env("NEXUS_GEMINI_API_KEYS", GEMINI_KEY).env("NEXUS_GEMINI_BASE_URL", gemini.baseUrl());
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("alice@example.com").refreshToken()).code())
                .isZero();
        nexus.start();
        for (int i = 0; i < 4; i++) {
            google.script().enqueue(Reply.text("answered"));
            gemini.script().enqueue(Reply.text("answered"));
        }
    }

    @AfterEach
    void stop() {
        nexus.close();
        gemini.close();
        google.close();
    }

    /** Calls that would ask a model for something; token refreshes and project lookups are not. */
    private int modelCalls() {
        return (int) Stream.concat(google.requests().stream(), gemini.requests().stream()).map(RecordedRequest::path)
                .filter(p -> p.contains(":generateContent") || p.contains(":streamGenerateContent") || p.contains(":countTokens"))
                .count();
    }

    private static final String ANTHROPIC = "anthropic-version";

    static Stream<Arguments> surfacesWithABadName() {
        String messages = ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        return Stream.of(
                Arguments.of("/v1/chat/completions", "{\"model\":\"gpt-4o\\r\\nX-Injected: 1\"" + messages + "}", "openai",
                        "model: contains a control character (U+000D) at position 6"),
                Arguments.of("/v1/chat/completions", "{\"model\":\"gpt-4o\\n\",\"stream\":true" + messages + "}", "openai",
                        "model: contains a control character (U+000A) at position 6"),
                Arguments.of("/v1/responses", "{\"model\":\"gemini-3-flash\\u0000\",\"input\":\"hi\"}", "openai",
                        "model: contains a control character (U+0000) at position 14"),
                Arguments.of("/v1/messages", "{\"model\":\"claude-sonnet-4-5\\u001b[31m\",\"max_tokens\":10" + messages + "}",
                        "anthropic", "model: contains a control character (U+001B) at position 17"),
                Arguments.of("/v1/messages/count_tokens", "{\"model\":\"claude\\u202Etxt.exe\"" + messages + "}", "anthropic",
                        "model: contains an invisible format character (U+202E) at position 6"),
                Arguments.of("/genai/v1beta/models/gemini-3-flash%0D%0A:generateContent", HI, "google",
                        "the model name in the URL contains a control character (U+000D) at position 14"),
                Arguments.of("/v1beta/models/gemini-2.5-flash%00:generateContent", HI, "google",
                        "the model name in the path contains a control character (U+0000) at position 16"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("surfacesWithABadName")
    void aModelNameWithAControlCharacterIsA400InThePathsDialectNamingItAndCallsNoUpstream(String path, String body,
            String dialect, String message) {
        int before = modelCalls();
        HttpResponse<String> res = nexus.post(path, body, "Authorization", "Bearer " + KEY, ANTHROPIC, "2023-06-01");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(errorMessage(res, dialect)).startsWith(message);
        assertThat(modelCalls()).as("upstream model calls").isEqualTo(before);
    }

    /** The message of an error, after checking the envelope is the dialect's. */
    private static String errorMessage(HttpResponse<String> res, String dialect) {
        JsonNode body = json(res.body());
        switch (dialect) {
            case "openai" -> assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
            case "anthropic" -> {
                assertThat(body.path("type").asText()).isEqualTo("error");
                assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
            }
            case "google" -> {
                assertThat(body.at("/error/code").asInt()).isEqualTo(400);
                assertThat(body.at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
            }
            default -> throw new IllegalArgumentException(dialect);
        }
        return body.at("/error/message").asText();
    }

    @Test
    void aRouteStoredBeforeTheRuleWhoseTargetIsNotAModelIdIsA400AndNeverSentUpstream() {
        String file = dir.resolve("nexus.db").toString();
        try (Database db = Database.open(new Settings.Database("jdbc:sqlite:" + file, Optional.of(Path.of(file)), Optional.empty(),
                Optional.empty()))) {
            new SqlModelRoutes(db, Clock.systemUTC()).add(new ModelRoute(UUID.randomUUID().toString(), "files", "gemini",
                    "../../v1beta/files?x=", List.of(), true));
        }
        NexusHarness.awaitTrue(Duration.ofSeconds(5), () -> nexus.get("/api/model-routes").body().contains("v1beta/files"));
        int before = modelCalls();
        HttpResponse<String> chat = nexus.post("/v1/chat/completions",
                "{\"model\":\"files\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "Authorization", "Bearer " + KEY);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(400);
        assertThat(errorMessage(chat, "openai")).startsWith("the model route for \"files\" names \"../../v1beta/files?x=\" is not a"
                + " model id provider \"gemini\" takes: use letters, digits").endsWith("(fix the route: nexus routes set, or the dashboard)");
        HttpResponse<String> genai = nexus.post("/genai/v1beta/models/files:streamGenerateContent?alt=sse", HI,
                "Authorization", "Bearer " + KEY);
        assertThat(genai.statusCode()).as(genai.body()).isEqualTo(400);
        assertThat(errorMessage(genai, "google")).startsWith("the model route for \"files\"");
        assertThat(modelCalls()).as("upstream model calls").isEqualTo(before);
        assertThat(gemini.requests()).as("nothing reached the Gemini API").isEmpty();
    }

    @Test
    void anUnroutedClientNameThatIsNotAModelIdIsA400BeforeAnyUpstreamCall() {
        int before = modelCalls();
        HttpResponse<String> genai = nexus.post("/genai/v1beta/models/gemini-3-flash@latest:generateContent", HI,
                "Authorization", "Bearer " + KEY);
        assertThat(genai.statusCode()).as(genai.body()).isEqualTo(400);
        assertThat(errorMessage(genai, "google")).startsWith("model \"gemini-3-flash@latest\" is not a model id provider \"google\""
                + " takes").contains("no route matches this name");
        HttpResponse<String> count = nexus.post("/v1/messages/count_tokens",
                "{\"model\":\"claude sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "Authorization", "Bearer " + KEY, ANTHROPIC, "2023-06-01");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(400);
        assertThat(errorMessage(count, "anthropic")).startsWith("model \"claude sonnet\" is not a model id");
        assertThat(modelCalls()).as("upstream model calls").isEqualTo(before);

        HttpResponse<String> fine = nexus.post("/genai/v1beta/models/gemini-3-flash:generateContent", HI,
                "Authorization", "Bearer " + KEY);
        assertThat(fine.statusCode()).as("a model id still goes through: " + fine.body()).isEqualTo(200);
    }
}
