package dev.nexus.dialect.openai;

import dev.nexus.dialect.EventJson;
import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * responses/response/&lt;case&gt;: in.json is {@code {"events": [...]}} ({@link EventJson}), collected into a response;
 * out.json the {@code response} object, compared byte for byte. Every case uses id {@code resp_1}, model
 * {@code gpt-test}, created 1700000000.
 */
class ResponsesResponsesTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/responses/response");
    }

    static JsonNode encoded(JsonNode in) {
        return ResponsesResponses.encode(ChatResponse.collect(EventJson.read(in.get("events"))), "resp_1", "gpt-test",
                1_700_000_000L, in.path("searching").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void collectedAnswerIsWrittenAsOneResponseObject(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(encoded(in)).hasToString(expected.toString());
    }

    @Test
    void outputItemsTakeTheirIdsFromTheResponsesOwnId() {
        ChatResponse response = ChatResponse.collect(EventJson.read(Fixtures.parse("""
                [{"start": ["resp_abc", "m"]}, {"open": [0, "text"]}, {"text": [0, "Hi"]}, {"close": 0},
                 {"open": [1, "tool", "call_1", "f"]}, {"close": 1}, {"finish": ["TOOL_USE", [1, 1, 0, 0]]}]
                """)));
        assertThat(ResponsesResponses.outputItems(response)).extracting(item -> item.path("id").asText())
                .containsExactly("msg_abc_0", "fc_abc_1");
    }

    @Test
    void outputItemsReplayedAsInputDecodeToTheSameAssistantTurnWithoutSignatures() {
        ChatResponse response = ChatResponse.collect(EventJson.read(Fixtures.parse("""
                [{"start": ["resp_abc", "m"]},
                 {"open": [0, "thinking"]}, {"thinking": [0, "Plan."]}, {"signature": [0, "sig", "gemini"]}, {"close": 0},
                 {"open": [1, "text"]}, {"text": [1, "Calling."]}, {"close": 1},
                 {"open": [2, "tool", "call_1", "get_weather"]}, {"args": [2, "{\\"city\\":\\"Paris\\"}"]}, {"close": 2},
                 {"finish": ["TOOL_USE", [1, 1, 0, 0]]}]
                """)));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("model", "m");
        ArrayNode input = body.putArray("input");
        input.addObject().put("role", "user").put("content", "Weather in Paris?");
        input.addAll(ResponsesResponses.outputItems(response));
        input.addObject().put("type", "function_call_output").put("call_id", "call_1").put("output", "18C");

        ChatRequest decoded = ResponsesRequests.decode(body);

        assertThat(decoded.messages()).containsExactly(
                Message.user("Weather in Paris?"),
                new Message(Role.ASSISTANT, List.of(new Part.Thinking("Plan.", Optional.empty(), false),
                        new Part.Text("Calling."),
                        new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", Optional.empty()))),
                new Message(Role.USER, List.of(new Part.ToolResult("call_1", "get_weather", List.of(new Part.Text("18C")), false))));
    }
}
