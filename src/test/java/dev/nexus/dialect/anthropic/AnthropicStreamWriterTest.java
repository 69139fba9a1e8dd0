package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.EventJson;
import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.Signature;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.Usage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * stream/&lt;case&gt;: in.json is {@code {"events": [...], "searching"?: bool}} ({@link EventJson}); out.json the exact events written,
 * {@code [[name, data], ...]}, compared byte for byte after compact serialisation (so key order counts). Every case
 * uses message id {@code msg_test} and model {@code claude-test}.
 */
class AnthropicStreamWriterTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("anthropic/stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsAreWrittenAsAnthropicServerSentEvents(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(written(in).toString()).isEqualTo(expected.toString());
    }

    static JsonNode written(JsonNode in) {
        RecordingSse sse = new RecordingSse();
        AnthropicStreamWriter writer = new AnthropicStreamWriter(sse, "msg_test", "claude-test", in.path("searching").asBoolean());
        EventJson.read(in.get("events")).forEach(writer::accept);
        return sse.asJson();
    }

    @Test
    void nothingIsWrittenBeforeTheFirstBlockSoTheGatewayCanStillFailOver() {
        RecordingSse sse = new RecordingSse();
        AnthropicStreamWriter writer = new AnthropicStreamWriter(sse, "msg_test", "claude-test");
        writer.accept(new ChatEvent.MessageStart("up-1", "gemini-3-flash"));
        writer.accept(new ChatEvent.UsageUpdate(new Usage(10, 0, 0, 0)));
        assertThat(writer.started()).isFalse();
        assertThat(sse.sent).isEmpty();

        writer.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        assertThat(writer.started()).isTrue();
        assertThat(sse.names()).containsExactly("message_start", "ping", "content_block_start");
    }

    @Test
    void aFailureBeforeAnyOutputWritesNothingAndEndsTheWriter() {
        RecordingSse sse = new RecordingSse();
        AnthropicStreamWriter writer = new AnthropicStreamWriter(sse, "msg_test", "claude-test");
        writer.accept(new ChatEvent.MessageStart("up-1", "m"));
        writer.accept(new ChatEvent.Failure(UpstreamError.of(429, UpstreamError.Kind.RATE_LIMITED, "slow down")));
        writer.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        assertThat(writer.started()).isFalse();
        assertThat(sse.sent).isEmpty();
    }

    @Test
    void eventsAfterTheEndAreIgnored() {
        RecordingSse sse = new RecordingSse();
        AnthropicStreamWriter writer = new AnthropicStreamWriter(sse, "msg_test", "claude-test");
        writer.accept(new ChatEvent.Finish(StopReason.END_TURN, Usage.ZERO));
        int written = sse.sent.size();
        writer.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        writer.accept(new ChatEvent.Finish(StopReason.END_TURN, Usage.ZERO));
        assertThat(sse.sent).hasSize(written);
        assertThat(sse.names()).last().isEqualTo("message_stop");
    }

    @Test
    void theLastOfSeveralSignaturesOnABlockIsTheOneWrittenOnce() {
        RecordingSse sse = new RecordingSse();
        AnthropicStreamWriter writer = new AnthropicStreamWriter(sse, "msg_test", "claude-test");
        List.of(new ChatEvent.BlockStart(0, new Block.Thinking()),
                new ChatEvent.SignatureDelta(0, new Signature("first", "cloudcode/gemini")),
                new ChatEvent.SignatureDelta(0, new Signature("second", "cloudcode/gemini")),
                new ChatEvent.BlockStop(0)).forEach(writer::accept);
        assertThat(sse.sent.stream().filter(s -> s.data().contains("signature_delta")).toList())
                .singleElement().extracting(RecordingSse.Sent::data).asString().contains("nx1.cloudcode/gemini.second");
    }
}
