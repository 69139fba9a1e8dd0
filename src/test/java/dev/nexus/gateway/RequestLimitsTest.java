package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Part;
import dev.nexus.chat.Role;
import dev.nexus.chat.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
    private static final RequestLimits LIMITS = new RequestLimits(3, 6, 2);

    @Test
    void aRequestAtEveryLimitPasses() {
        ChatRequest request = withTools(conversation(3, 2), 2);
        assertThatCode(() -> LIMITS.check(request)).doesNotThrowAnyException();
    }

    @Test
    void tooManyMessagesAreRefusedNamingTheCountTheLimitAndTheVariable() {
        assertThatThrownBy(() -> LIMITS.check(conversation(4, 1))).isInstanceOf(RequestLimitException.class)
                .hasMessage("the request has 4 messages, more than the limit of 3 (raise NEXUS_MAX_MESSAGES on the server,"
                        + " or send fewer)");
    }

    @Test
    void partsCountSystemPartsMessagePartsAndThePartsInsideToolResults() {
        List<Message> messages = List.of(new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c", "f", "{}", Optional.empty()))),
                new Message(Role.USER, List.of(new Part.ToolResult("c", "f", List.of(new Part.Text("a"), new Part.Text("b")), false),
                        new Part.Text("note"))));
        ChatRequest request = ChatRequest.of("m", messages);
        ChatRequest withSystem = new ChatRequest("m", List.of(new Part.Text("s1"), new Part.Text("s2")), messages, List.of(),
                request.toolChoice(), Optional.empty(), request.generation(), request.responseFormat(), request.reasoning(),
                false, false, request.metadata());
        assertThatCode(() -> LIMITS.check(request)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LIMITS.check(withSystem)).isInstanceOf(RequestLimitException.class)
                .hasMessage("the request has 7 content parts in all, more than the limit of 6 (raise NEXUS_MAX_PARTS on the"
                        + " server, or send fewer)");
    }

    @Test
    void onlyDeclaredFunctionsCountAsTools() {
        ChatRequest request = withTools(conversation(1, 1), 3);
        assertThatThrownBy(() -> LIMITS.check(request)).isInstanceOf(RequestLimitException.class)
                .hasMessage("the request has 3 tool declarations, more than the limit of 2 (raise NEXUS_MAX_TOOLS on the server,"
                        + " or declare fewer)");
        ChatRequest twoAndSearch = withTools(conversation(1, 1), 2);
        List<Tool> tools = new ArrayList<>(twoAndSearch.tools());
        tools.add(new Tool.WebSearch());
        assertThatCode(() -> LIMITS.check(new ChatRequest("m", List.of(), twoAndSearch.messages(), tools, twoAndSearch.toolChoice(),
                Optional.empty(), twoAndSearch.generation(), twoAndSearch.responseFormat(), twoAndSearch.reasoning(), false, false,
                twoAndSearch.metadata()))).doesNotThrowAnyException();
    }

    @Test
    void genAiRequestsAreCountedAsTheyAre() throws Exception {
        JsonNode body = new ObjectMapper().readTree("""
                {"contents":[{"parts":[{"text":"a"}]},{"role":"model","parts":[{"text":"b"}]},
                  {"parts":[{"text":"c"}]},{"parts":[{"text":"d"}]}]}""");
        assertThatThrownBy(() -> LIMITS.checkGenAi(body)).isInstanceOf(RequestLimitException.class)
                .hasMessage("the request has 4 contents, more than the limit of 3 (raise NEXUS_MAX_MESSAGES on the server,"
                        + " or send fewer)");
    }

    @Test
    void responsesInputItemsIncludeTheStoredChain() {
        assertThatCode(() -> LIMITS.checkInputItems(3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> LIMITS.checkInputItems(5)).isInstanceOf(RequestLimitException.class)
                .hasMessage("the request has 5 input items, counting the stored responses it continues, more than the limit"
                        + " of 3 (raise NEXUS_MAX_MESSAGES on the server, or send fewer)");
    }

    private static ChatRequest conversation(int messages, int partsEach) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            List<Part> parts = new ArrayList<>();
            for (int j = 0; j < partsEach; j++) {
                parts.add(new Part.Text("m" + i + "p" + j));
            }
            out.add(new Message(i % 2 == 0 ? Role.USER : Role.ASSISTANT, parts));
        }
        return ChatRequest.of("m", out);
    }

    private static ChatRequest withTools(ChatRequest r, int functions) {
        List<Tool> tools = new ArrayList<>();
        for (int i = 0; i < functions; i++) {
            tools.add(new Tool.Function("f" + i, Optional.empty(), new ObjectMapper().createObjectNode(), false));
        }
        return new ChatRequest(r.model(), r.system(), r.messages(), tools, r.toolChoice(), r.parallelToolCalls(), r.generation(),
                r.responseFormat(), r.reasoning(), r.stream(), r.includeUsageInStream(), r.metadata());
    }
}
