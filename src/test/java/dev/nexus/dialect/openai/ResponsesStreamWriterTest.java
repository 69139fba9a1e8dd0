package dev.nexus.dialect.openai;

import dev.nexus.dialect.EventJson;
import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.Usage;
import dev.nexus.dialect.SseSink;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * responses/stream/&lt;case&gt;: in.json is {@code {"events": [...], "searching"?: bool}} ({@link EventJson}); out.json the exact wire events,
 * each {@code {"event": name, "data": payload}}, payloads compared byte for byte after compact serialisation (so key
 * order counts). Every case uses response id {@code resp_1}, model {@code m}, created 1.
 */
class ResponsesStreamWriterTest {

    /** Records named events; Responses events always have a name, equal to the payload's type. */
    static final class Recording implements SseSink {
        final ArrayNode events = JsonNodeFactory.instance.arrayNode();

        @Override
        public void send(String event, String data) {
            JsonNode payload = Fixtures.parse(data);
            assertThat(event).isNotNull().isEqualTo(payload.path("type").asText());
            events.addObject().put("event", event).set("data", payload);
        }
    }

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/responses/stream");
    }

    static ArrayNode written(List<ChatEvent> events) {
        return written(events, false);
    }

    static ArrayNode written(List<ChatEvent> events, boolean searching) {
        Recording sse = new Recording();
        ResponsesStreamWriter writer = new ResponsesStreamWriter(sse, "resp_1", "m", 1, searching);
        events.forEach(writer::accept);
        return sse.events;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsAreWrittenAsResponsesStreamEvents(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(written(EventJson.read(in.get("events")), in.path("searching").asBoolean()).toString())
                .isEqualTo(expected.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sequenceNumbersCountUpFromZeroAndExactlyOneTerminalEventComesLast(String behaviour, JsonNode in, JsonNode expected) {
        ArrayNode events = written(EventJson.read(in.get("events")), in.path("searching").asBoolean());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("data").path("sequence_number").asInt()).isEqualTo(i);
        }
        List<String> terminal = List.of("response.completed", "response.incomplete", "response.failed");
        long terminals = 0;
        for (JsonNode e : events) {
            terminals += terminal.contains(e.path("event").asText()) ? 1 : 0;
        }
        assertThat(terminals).isEqualTo(1);
        assertThat(terminal).contains(events.get(events.size() - 1).path("event").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTerminalResponseIsTheNonStreamResponse(String behaviour, JsonNode in, JsonNode expected) {
        List<ChatEvent> events = EventJson.read(in.get("events"));
        boolean searching = in.path("searching").asBoolean();
        ArrayNode written = written(events, searching);
        JsonNode terminal = written.get(written.size() - 1).path("data").path("response");
        if (terminal.path("status").asText().equals("failed")) {
            return; // a failed stream keeps only finished items; the collected answer keeps partial ones
        }
        assertThat(terminal.toString()).isEqualTo(
                ResponsesResponses.encode(ChatResponse.collect(events), "resp_1", "m", 1, searching).toString());
    }

    @Test
    void aStreamThatOffersSearchWritesItsTextAsItComesAndHoldsOnlyTheEnd() {
        Recording sse = new Recording();
        ResponsesStreamWriter writer = new ResponsesStreamWriter(sse, "resp_1", "m", 1, true);
        writer.accept(new ChatEvent.MessageStart("up-1", "gemini-3-flash"));
        writer.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        writer.accept(new ChatEvent.TextDelta(0, "Open at 8."));
        assertThat(sse.events.findValuesAsText("event")).endsWith("response.output_text.delta");
        writer.accept(new ChatEvent.BlockStop(0));
        assertThat(sse.events.findValuesAsText("event")).as("the item's end waits for sources").endsWith("response.output_text.delta");
    }

    @Test
    void nothingIsWrittenBeforeTheFirstContentSoTheGatewayCanStillFailOver() {
        Recording sse = new Recording();
        ResponsesStreamWriter writer = new ResponsesStreamWriter(sse, "resp_1", "m", 1);
        writer.accept(new ChatEvent.MessageStart("up-1", "gemini-3-flash"));
        writer.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        writer.accept(new ChatEvent.TextDelta(0, ""));
        assertThat(writer.started()).isFalse();
        assertThat(sse.events).isEmpty();

        writer.accept(new ChatEvent.TextDelta(0, "Hi"));
        assertThat(writer.started()).isTrue();
        assertThat(sse.events).extracting(e -> e.path("event").asText()).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta");
    }

    @Test
    void eventsAfterTheEndAreIgnored() {
        Recording sse = new Recording();
        ResponsesStreamWriter writer = new ResponsesStreamWriter(sse, "resp_1", "m", 1);
        writer.accept(new ChatEvent.Finish(StopReason.END_TURN, Usage.ZERO));
        int written = sse.events.size();
        writer.accept(new ChatEvent.TextDelta(0, "late"));
        writer.accept(new ChatEvent.Finish(StopReason.END_TURN, Usage.ZERO));
        assertThat(sse.events).hasSize(written);
        assertThat(sse.events.get(written - 1).path("event").asText()).isEqualTo("response.completed");
    }
}
