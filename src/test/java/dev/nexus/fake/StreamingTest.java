package dev.nexus.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingTest {
    private final FakeGoogle fake = FakeGoogle.start();
    private final TestHttp http = new TestHttp();
    private final FakeAccount alice = fake.addAccount("alice@example.com", "alice-project");
    private final String token = fake.issueAccessToken(alice.email());

    @AfterEach
    void noStreamLeftOpen() {
        assertThat(fake.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
        assertThat(fake.openStreams()).isZero();
        fake.close();
    }

    private TestHttp.Stream stream(String model) {
        return http.stream(fake.cloudCodeBaseUrl() + ":streamGenerateContent?alt=sse", token, TestHttp.envelope("alice-project", model, "hi"));
    }

    private TestHttp.Response unary(String model) {
        return http.postJson(fake.cloudCodeBaseUrl() + ":generateContent", token, TestHttp.envelope("alice-project", model, "hi"));
    }

    private static List<JsonNode> parts(List<JsonNode> events) {
        return events.stream().flatMap(e -> {
            JsonNode parts = e.at("/response/candidates/0/content/parts");
            return parts.isArray() ? java.util.stream.StreamSupport.stream(parts.spliterator(), false) : java.util.stream.Stream.empty();
        }).toList();
    }

    @Test
    void scriptedChunksArriveAsSeparateEventsInOrderWithFinishReasonOnlyOnTheLast() {
        fake.script().enqueue(Reply.builder()
                .thought("Planning")
                .thoughtSignature("sig-1")
                .text("Hel", "lo")
                .usage(9, 2, 3, 0)
                .finishReason("MAX_TOKENS")
                .traceId("t1")
                .build());

        TestHttp.Stream stream = stream("gemini-3-flash");

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).isEqualTo("text/event-stream");
        assertThat(stream.truncated()).isFalse();
        assertThat(stream.raw()).doesNotContain("[DONE]").doesNotContain("event:");
        List<JsonNode> events = stream.jsonEvents();
        assertThat(events).hasSize(4);
        assertThat(parts(events)).extracting(p -> p.get("text").asText()).containsExactly("Planning", "", "Hel", "lo");
        assertThat(parts(events).get(0).get("thought").asBoolean()).isTrue();
        assertThat(parts(events).get(1).get("thoughtSignature").asText()).isEqualTo("sig-1");
        assertThat(events).allSatisfy(e -> assertThat(e.get("traceId").asText()).isEqualTo("t1"));
        assertThat(events.subList(0, 3)).allSatisfy(e -> assertThat(e.at("/response/candidates/0").has("finishReason")).isFalse());
        JsonNode last = events.get(3).get("response");
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(last.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(14);
        assertThat(last.at("/usageMetadata/thoughtsTokenCount").asInt()).isEqualTo(3);
        assertThat(events.get(0).at("/response/usageMetadata/totalTokenCount").asInt()).isEqualTo(9);
        assertThat(last.get("modelVersion").asText()).isEqualTo("gemini-3-flash");
    }

    @Test
    void unaryAnswerIsTheMergedEquivalentOfTheChunks() {
        fake.script().enqueue(Reply.builder()
                .thought("Think ").thought("more")
                .text("Hel", "lo")
                .functionCall("call_1", "Read", Map.of("file_path", "/a"), "sig-fc")
                .usage(10, 5, 2, 4)
                .responseId("r-1")
                .build());

        TestHttp.Response response = unary("claude-sonnet-4-5");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("traceId")).isTrue();
        JsonNode candidates = body.at("/response/candidates");
        assertThat(candidates).hasSize(1);
        JsonNode parts = candidates.get(0).at("/content/parts");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).get("text").asText()).isEqualTo("Think more");
        assertThat(parts.get(1).get("text").asText()).isEqualTo("Hello");
        assertThat(parts.get(2).at("/functionCall/name").asText()).isEqualTo("Read");
        assertThat(parts.get(2).at("/functionCall/id").asText()).isEqualTo("call_1");
        assertThat(parts.get(2).at("/functionCall/args/file_path").asText()).isEqualTo("/a");
        assertThat(parts.get(2).get("thoughtSignature").asText()).isEqualTo("sig-fc");
        assertThat(candidates.get(0).get("finishReason").asText()).isEqualTo("STOP");
        assertThat(body.at("/response/usageMetadata/cachedContentTokenCount").asInt()).isEqualTo(4);
        assertThat(body.at("/response/usageMetadata/totalTokenCount").asInt()).isEqualTo(17);
        assertThat(body.at("/response/responseId").asText()).isEqualTo("r-1");
    }

    @Test
    void unscriptedCallGetsTheDefaultGreeting() {
        TestHttp.Response response = unary("gemini-3-flash");

        assertThat(response.json().at("/response/candidates/0/content/parts/0/text").asText()).isEqualTo("Hello from fake");
        assertThat(response.json().at("/response/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(response.json().at("/response/usageMetadata/promptTokenCount").asInt()).isEqualTo(1);
        assertThat(response.json().at("/response/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(4);
    }

    @Test
    void rateLimitedReplyCarriesErrorInfoAndRetryInfo() {
        fake.script().enqueue(Reply.rateLimited(Duration.ofSeconds(37)));
        fake.script().enqueue(Reply.rateLimited(Duration.ofMillis(500)));

        TestHttp.Stream first = stream("gemini-3-pro-high");
        TestHttp.Response second = unary("gemini-3-pro-high");

        assertThat(first.status()).isEqualTo(429);
        JsonNode error = Json.tryParse(first.raw()).orElseThrow().get("error");
        assertThat(error.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.get("message").asText()).contains("reset after 37s");
        JsonNode info = error.get("details").get(0);
        assertThat(info.get("reason").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(info.get("domain").asText()).isEqualTo("cloudcode-pa.googleapis.com");
        assertThat(info.at("/metadata/model").asText()).isEqualTo("gemini-3-pro-high");
        assertThat(info.at("/metadata/quotaResetDelay").asText()).isEqualTo("37s");
        assertThat(info.at("/metadata/quotaResetTimeStamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(error.at("/details/1/@type").asText()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
        assertThat(error.at("/details/1/retryDelay").asText()).isEqualTo("37s");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().at("/error/details/1/retryDelay").asText()).isEqualTo("0.5s");
        assertThat(second.json().at("/error/details/0/metadata/quotaResetDelay").asText()).isEqualTo("500ms");
    }

    @Test
    void arrayWrappedErrorIsWrappedOnStreamsOnly() {
        fake.script().enqueue(Reply.quotaExhausted(Duration.ofHours(2)).arrayWrapped().times(2));

        TestHttp.Stream stream = stream("gemini-3-flash");
        TestHttp.Response response = unary("gemini-3-flash");

        JsonNode wrapped = Json.tryParse(stream.raw()).orElseThrow();
        assertThat(wrapped.isArray()).isTrue();
        assertThat(wrapped.at("/0/error/details/0/reason").asText()).isEqualTo("QUOTA_EXHAUSTED");
        assertThat(wrapped.at("/0/error/details/0/metadata/quotaResetDelay").asText()).isEqualTo("2h0m0s");
        assertThat(response.json().isObject()).isTrue();
        assertThat(response.json().at("/error/code").asInt()).isEqualTo(429);
    }

    @Test
    void serverErrorsUseGoogleStatusNames() {
        fake.script().enqueue(Reply.serverError()).enqueue(Reply.unavailable()).enqueue(Reply.error(400, "INVALID_ARGUMENT", "Thought signature is not valid"));

        assertThat(unary("gemini-3-flash").json().at("/error/status").asText()).isEqualTo("INTERNAL");
        assertThat(unary("gemini-3-flash").json().at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        TestHttp.Response bad = unary("gemini-3-flash");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").asText()).isEqualTo("Thought signature is not valid");
    }

    @Test
    void disconnectAfterSomeChunksIsSeenAsATruncatedStream() {
        fake.script().enqueue(Reply.builder().text("a", "b", "c", "d").disconnectAfter(2).build());

        TestHttp.Stream stream = stream("gemini-3-flash");

        assertThat(stream.truncated()).isTrue();
        assertThat(parts(stream.jsonEvents())).extracting(p -> p.get("text").asText()).containsExactly("a", "b");
        assertThat(stream.leftover()).isEmpty();
    }

    @Test
    void disconnectInTheMiddleOfAnEventLeavesHalfAnEvent() {
        fake.script().enqueue(Reply.builder().text("a", "b", "c").disconnectMidEvent(1).build());

        TestHttp.Stream stream = stream("gemini-3-flash");

        assertThat(stream.truncated()).isTrue();
        assertThat(stream.jsonEvents()).hasSize(1);
        assertThat(stream.leftover()).startsWith("data: {\"response\"");
    }

    @Test
    void firstEventReachesTheClientWhileTheStreamIsStillBeingWritten() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        fake.script().enqueue(Reply.builder().text("first", "second").holdAfter(1, release).build());

        HttpResponse<InputStream> response = http.open(fake.cloudCodeBaseUrl() + ":streamGenerateContent?alt=sse", token,
                TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));
        try (InputStream in = response.body()) {
            assertThat(readUntilBlankLine(in)).contains("\"first\"").doesNotContain("second");
            assertThat(fake.openStreams()).isEqualTo(1);
            release.countDown();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"second\"");
        }
    }

    @Test
    void streamAbandonedByTheClientIsClosedOnTheServerSide() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        String[] tail = Collections.nCopies(200, "z".repeat(100)).toArray(String[]::new);
        fake.script().enqueue(Reply.builder().text("first").text(tail).holdAfter(1, release).build());

        HttpResponse<InputStream> response = http.open(fake.cloudCodeBaseUrl() + ":streamGenerateContent?alt=sse", token,
                TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));
        try (InputStream in = response.body()) {
            assertThat(readUntilBlankLine(in)).contains("\"first\"");
        }
        release.countDown();

        assertThat(fake.awaitNoOpenStreams(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void closingTheFakeEndsAHeldStream() {
        fake.script().enqueue(Reply.builder().text("a", "b").holdAfter(1, new CountDownLatch(1)).build());
        HttpResponse<InputStream> response = http.open(fake.cloudCodeBaseUrl() + ":streamGenerateContent?alt=sse", token,
                TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));

        fake.close();

        assertThat(fake.openStreams()).isZero();
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void crlfFramingUsesCarriageReturns() {
        fake.script().enqueue(Reply.builder().text("a", "b").crlf().build());

        TestHttp.Stream stream = stream("gemini-3-flash");

        assertThat(stream.raw()).startsWith("data: {").contains("}\r\n\r\ndata: ").endsWith("}\r\n\r\n");
        assertThat(stream.jsonEvents()).hasSize(2);
    }

    @Test
    void usageOnlyChunkHasNoCandidates() {
        fake.script().enqueue(Reply.builder().text("a").usageOnlyChunk().text("b").build());

        List<JsonNode> events = stream("gemini-3-flash").jsonEvents();

        assertThat(events).hasSize(3);
        assertThat(events.get(1).get("response").has("candidates")).isFalse();
        assertThat(events.get(1).at("/response/usageMetadata/promptTokenCount").asInt()).isPositive();
    }

    @Test
    void errorCanArriveInsideAStreamAfterSomeChunks() {
        fake.script().enqueue(Reply.builder().text("partial").thenError(Reply.unavailable()).build());

        List<JsonNode> events = stream("gemini-3-flash").jsonEvents();

        assertThat(events).hasSize(2);
        assertThat(events.get(1).at("/error/code").asInt()).isEqualTo(503);
    }

    @Test
    void streamWithoutAltSseIsAJsonArray() {
        fake.script().enqueue(Reply.text("a", "b"));

        TestHttp.Stream stream = http.stream(fake.cloudCodeBaseUrl() + ":streamGenerateContent", token,
                TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));

        JsonNode array = Json.tryParse(stream.raw()).orElseThrow();
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        assertThat(stream.contentType()).startsWith("application/json");
    }

    @Test
    void dollarAltIsTreatedLikeAlt() {
        TestHttp.Stream stream = http.stream(fake.cloudCodeBaseUrl() + ":streamGenerateContent?$alt=sse", token,
                TestHttp.envelope("alice-project", "gemini-3-flash", "hi"));

        assertThat(stream.contentType()).isEqualTo("text/event-stream");
        assertThat(stream.jsonEvents()).hasSize(1);
    }

    private static String readUntilBlankLine(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            out.append((char) b);
            if (out.length() >= 2 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
                break;
            }
        }
        return out.toString();
    }
}
