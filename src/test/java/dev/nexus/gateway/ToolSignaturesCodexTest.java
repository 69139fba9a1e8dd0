package dev.nexus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.EventSink;
import dev.nexus.dialect.Fixtures;
import dev.nexus.dialect.openai.ChatCompletionsRequests;
import dev.nexus.dialect.openai.ChatCompletionsResponses;
import dev.nexus.dialect.openai.CodexRequests;
import dev.nexus.dialect.openai.ResponsesEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Chat Completions client has no slot for reasoning, yet its tool loop through Codex keeps the model's encrypted
 * reasoning: the decoder signs the call that follows the reasoning, the gateway's tool signatures remember it by call
 * id, and the encoder puts the reasoning back before the replayed call.
 */
class ToolSignaturesCodexTest {

    @Test
    void aChatClientsToolLoopReplaysTheEncryptedReasoningBeforeTheCall() {
        ToolSignatures signatures = new ToolSignatures(100, Duration.ofMinutes(5));
        List<ChatEvent> events = new ArrayList<>();
        EventSink recording = signatures.recording(events::add);
        ResponsesEvents decoder = new ResponsesEvents(CodexRequests.ORIGIN, "fb", "gpt-5.1-codex", Instant.EPOCH);
        for (String event : List.of(
                "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5.1-codex\"}}",
                "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"reasoning\"}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"reasoning\",\"summary\":[],"
                        + "\"encrypted_content\":\"gAAAAsecret\"}}",
                "{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"type\":\"function_call\","
                        + "\"call_id\":\"call_9\",\"name\":\"ls\",\"arguments\":\"{}\"}}",
                "{\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}")) {
            decoder.event(Fixtures.parse(event), recording);
        }
        ObjectNode answer = ChatCompletionsResponses.encode(ChatResponse.collect(events), "gpt-5.1-codex", 1);
        assertThat(answer.toString()).doesNotContain("gAAAAsecret");

        ObjectNode next = (ObjectNode) Fixtures.parse("""
                {"model":"gpt-5.1-codex","messages":[{"role":"user","content":"list"}],
                 "tools":[{"type":"function","function":{"name":"ls"}}]}""");
        ArrayNode messages = (ArrayNode) next.get("messages");
        messages.add(answer.path("choices").path(0).path("message"));
        messages.addObject().put("role", "tool").put("tool_call_id", "call_9").put("content", "a.txt");

        JsonNode input = CodexRequests.encode(signatures.restore(ChatCompletionsRequests.decode(next)), Optional.empty(), CodexRequests.ORIGIN)
                .path("input");
        assertThat(Fixtures.normalised(input)).isEqualTo(Fixtures.parse("""
                [{"type":"message","role":"user","content":[{"type":"input_text","text":"list"}]},
                 {"type":"reasoning","summary":[],"encrypted_content":"gAAAAsecret"},
                 {"type":"function_call","name":"ls","arguments":"{}","call_id":"call_9"},
                 {"type":"function_call_output","call_id":"call_9","output":"a.txt"}]"""));
    }
}
