package dev.nexus.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.openai.ResponsesEvents;
import dev.nexus.provider.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodexStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final List<ChatEvent> events = new ArrayList<>();

    /** Each data object as the backend frames it: an event line named by its type, a data line, a blank line (CRLF here). */
    private static String sse(String... data) {
        StringBuilder out = new StringBuilder();
        for (String d : data) {
            JsonNode node;
            try {
                node = JSON.readTree(d);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            out.append("event: ").append(node.path("type").asText()).append("\r\n").append("data: ").append(node).append("\r\n\r\n");
        }
        return out.toString();
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Outcome read(InputStream in) {
        return new CodexStream(JSON).read(in, new ResponsesEvents("codex", "fb", "gpt-5.1-codex", NOW), events::add, NOW);
    }

    private static final String CREATED = "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5.1-codex\"}}";
    private static final String TEXT_ADDED = "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"message\"}}";
    private static final String TEXT_DELTA = "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"delta\":\"Hi\"}";
    private static final String TEXT_DONE = "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"message\"}}";
    private static final String COMPLETED = "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\","
            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}";

    @Test
    void aCompletedAnswerIsDoneWithItsEvents() {
        Outcome outcome = read(body(": keep-alive\r\n\r\n" + sse(CREATED, TEXT_ADDED, TEXT_DELTA, TEXT_DONE, COMPLETED)));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        ChatResponse answer = ChatResponse.collect(events);
        assertThat(answer.id()).isEqualTo("resp_1");
        assertThat(answer.content()).containsExactly(new dev.nexus.chat.Part.Text("Hi"));
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answer.usage().inputTokens()).isEqualTo(3);
    }

    @Test
    void readingStopsAtTheTerminalEventEvenWhenTheConnectionStaysOpen() {
        InputStream never = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("read past the end of the answer");
            }
        };
        assertThat(read(new SequenceInputStream(body(sse(CREATED, COMPLETED) + "\n"), never))).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void aUsageLimitBeforeAnyContentIsARateLimitAndNothingReachesTheSink() {
        Outcome outcome = read(body(sse(CREATED, """
                {"type":"response.failed","response":{"id":"resp_1","status":"failed",
                 "error":{"code":"rate_limit_exceeded","message":"Please try again in 20s"}}}""")));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.RateLimited.class,
                l -> assertThat(l.until()).isEqualTo(NOW.plusSeconds(20)));
        assertThat(events).isEmpty();
    }

    @Test
    void aFailureAfterContentIsBrokenAndTheFailureIsLeftToTheGateway() {
        Outcome outcome = read(body(sse(CREATED, TEXT_ADDED, TEXT_DELTA,
                "{\"type\":\"error\",\"code\":\"server_is_overloaded\",\"message\":\"busy\"}")));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Broken.class,
                b -> assertThat(b.error().kind()).isEqualTo(UpstreamError.Kind.OVERLOADED));
        assertThat(events).first().isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events).noneMatch(e -> e instanceof ChatEvent.Failure);
    }

    @Test
    void aStreamCutShortIsRetryableBeforeContentAndBrokenAfter() {
        assertThat(read(body(sse(CREATED)))).isInstanceOf(Outcome.Retryable.class);
        assertThat(events).isEmpty();
        assertThat(read(body(sse(CREATED, TEXT_ADDED, TEXT_DELTA)))).isInstanceOfSatisfying(Outcome.Broken.class,
                b -> assertThat(b.error().message()).contains("closed before response.completed"));
    }

    @Test
    void malformedAndDoneEventsAreSkipped() {
        assertThat(read(body("data: {not json\n\n" + sse(CREATED, TEXT_ADDED, TEXT_DELTA, TEXT_DONE, COMPLETED)
                + "data: [DONE]\n\n"))).isInstanceOf(Outcome.Done.class);
        assertThat(ChatResponse.collect(events).content()).hasSize(1);
    }
}
