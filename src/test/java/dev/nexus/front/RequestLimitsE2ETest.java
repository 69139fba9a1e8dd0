package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every surface refuses a request over a per-request limit with a 400 in its own envelope that names the count, the
 * limit and the variable to raise, and calls no upstream. The limits are set low here so the bodies stay small.
 */
class RequestLimitsE2ETest {
    private static final String KEY = "sk-request-limits-01";
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("a@example.com", "proj-a");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).env("NEXUS_MAX_MESSAGES", "3").env("NEXUS_MAX_PARTS", "6")
                .env("NEXUS_MAX_TOOLS", "2").usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("a@example.com").refreshToken()).code()).isZero();
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    @Test
    void chatCompletionsOverTheMessageLimitIsAnOpenAiBadRequest() {
        for (String stream : List.of("false", "true")) {
            HttpResponse<String> res = post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"stream\":" + stream
                    + ",\"messages\":" + chatMessages(4) + "}");
            assertOpenAiRefusal(res, "the request has 4 messages, more than the limit of 3 (raise NEXUS_MAX_MESSAGES on the server,"
                    + " or send fewer)");
        }
        assertThat(upstreamCalls()).isZero();
    }

    @Test
    void chatCompletionsOverTheToolLimitIsAnOpenAiBadRequest() {
        String tools = "[" + String.join(",", List.of(function("a"), function("b"), function("c"))) + "]";
        HttpResponse<String> res = post("/v1/chat/completions", "{\"model\":\"gemini-3-flash\",\"messages\":" + chatMessages(1)
                + ",\"tools\":" + tools + "}");
        assertOpenAiRefusal(res, "the request has 3 tool declarations, more than the limit of 2 (raise NEXUS_MAX_TOOLS on the"
                + " server, or declare fewer)");
        assertThat(upstreamCalls()).isZero();
    }

    @Test
    void responsesOverTheInputItemLimitIsAnOpenAiBadRequest() {
        HttpResponse<String> res = post("/v1/responses", "{\"model\":\"gemini-3-flash\",\"input\":" + items(4) + "}");
        assertOpenAiRefusal(res, "the request has 4 input items, counting the stored responses it continues, more than the"
                + " limit of 3 (raise NEXUS_MAX_MESSAGES on the server, or send fewer)");
        assertThat(upstreamCalls()).isZero();
    }

    @Test
    void responsesCountTheStoredResponsesTheyContinue() {
        HttpResponse<String> first = post("/v1/responses", "{\"model\":\"gemini-3-flash\",\"input\":" + items(1) + "}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        long calls = upstreamCalls();
        String id = NexusHarness.json(first.body()).path("id").asText();
        // One stored input item and one output item, plus two of its own: four in all.
        HttpResponse<String> second = post("/v1/responses", "{\"model\":\"gemini-3-flash\",\"previous_response_id\":\"" + id
                + "\",\"input\":" + items(2) + "}");
        assertOpenAiRefusal(second, "the request has 4 input items, counting the stored responses it continues, more than the"
                + " limit of 3 (raise NEXUS_MAX_MESSAGES on the server, or send fewer)");
        assertThat(upstreamCalls()).isEqualTo(calls);
    }

    @Test
    void anthropicMessagesOverThePartLimitIsAnAnthropicBadRequestAtBothPaths() {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":"
                + textBlocks(7) + "}]}";
        for (String path : List.of("/v1/messages", "/anthropic/v1/messages")) {
            assertAnthropicRefusal(post(path, body), "the request has 7 content parts in all, more than the limit of 6"
                    + " (raise NEXUS_MAX_PARTS on the server, or send fewer)");
        }
        assertThat(upstreamCalls()).isZero();
    }

    @Test
    void countTokensOverTheToolLimitIsAnAnthropicBadRequest() {
        String tools = "[" + String.join(",", List.of(tool("a"), tool("b"), tool("c"))) + "]";
        String body = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":" + tools + "}";
        for (String path : List.of("/v1/messages/count_tokens", "/anthropic/v1/messages/count_tokens")) {
            assertAnthropicRefusal(post(path, body), "the request has 3 tool declarations, more than the limit of 2"
                    + " (raise NEXUS_MAX_TOOLS on the server, or declare fewer)");
        }
        assertThat(upstreamCalls()).isZero();
    }

    @Test
    void genAiPassThroughIsCountedOnItsJsonAndRefusedInGooglesEnvelope() {
        String body = "{\"contents\":" + contents(4) + "}";
        for (String call : List.of("gemini-3-flash:generateContent", "gemini-3-flash:streamGenerateContent",
                "gemini-3-flash:streamGenerateContent?alt=sse", "gemini-3-flash:countTokens")) {
            HttpResponse<String> res = post("/genai/v1beta/models/" + call, body);
            assertThat(res.statusCode()).as(call + ": " + res.body()).isEqualTo(400);
            JsonNode error = NexusHarness.json(res.body()).path("error");
            assertThat(error.path("status").asText()).as(call).isEqualTo("INVALID_ARGUMENT");
            assertThat(error.path("message").asText()).as(call).isEqualTo("the request has 4 contents, more than the limit"
                    + " of 3 (raise NEXUS_MAX_MESSAGES on the server, or send fewer)");
        }
        HttpResponse<String> declarations = post("/genai/v1beta/models/gemini-3-flash:generateContent", "{\"contents\":"
                + contents(1) + ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"a\"},{\"name\":\"b\"}]},"
                + "{\"function_declarations\":[{\"name\":\"c\"}]}]}");
        assertThat(declarations.statusCode()).isEqualTo(400);
        assertThat(NexusHarness.json(declarations.body()).path("error").path("message").asText())
                .startsWith("the request has 3 tool declarations, more than the limit of 2");
        assertThat(upstreamCalls()).isZero();
    }

    private HttpResponse<String> post(String path, String body) {
        return nexus.post(path, body, "Authorization", "Bearer " + KEY);
    }

    private long upstreamCalls() {
        return google.requests().stream().filter(r -> r.path().contains("enerateContent") || r.path().endsWith(":countTokens"))
                .count();
    }

    private static void assertOpenAiRefusal(HttpResponse<String> res, String message) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode error = NexusHarness.json(res.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).isEqualTo(message);
    }

    private static void assertAnthropicRefusal(HttpResponse<String> res, String message) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        JsonNode body = NexusHarness.json(res.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).isEqualTo(message);
    }

    private static String chatMessages(int n) {
        return array(n, i -> "{\"role\":\"user\",\"content\":\"m" + i + "\"}");
    }

    private static String items(int n) {
        return array(n, i -> "{\"type\":\"message\",\"role\":\"user\",\"content\":\"m" + i + "\"}");
    }

    private static String textBlocks(int n) {
        return array(n, i -> "{\"type\":\"text\",\"text\":\"b" + i + "\"}");
    }

    private static String contents(int n) {
        return array(n, i -> "{\"role\":\"user\",\"parts\":[{\"text\":\"c" + i + "\"}]}");
    }

    /** A JSON array of n elements written by {@code element}. */
    private static String array(int n, IntFunction<String> element) {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            elements.add(element.apply(i));
        }
        return "[" + String.join(",", elements) + "]";
    }

    private static String function(String name) {
        return "{\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"parameters\":{\"type\":\"object\"}}}";
    }

    private static String tool(String name) {
        return "{\"name\":\"" + name + "\",\"input_schema\":{\"type\":\"object\"}}";
    }
}
