package dev.nexus.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.dialect.EventContract;
import dev.nexus.dialect.Fixtures;
import dev.nexus.dialect.SseSink;
import dev.nexus.dialect.anthropic.AnthropicRequests;
import dev.nexus.dialect.anthropic.AnthropicResponses;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whole trips through the Codex codec: a client's request to the backend body, the backend's SSE (the fixture
 * {@code codex/stream/reasoning-text-and-a-function-call-…}: a reasoning summary with encrypted content, "Hello" and a
 * get_weather call) back to what the client reads, and the client's next turn back to the backend.
 */
class CodexRoundTripTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static List<JsonNode> backendStream() throws IOException {
        JsonNode in = Fixtures.JSON.readTree(CodexRoundTripTest.class.getResource(
                "/dialect/openai/codex/stream/reasoning-text-and-a-function-call-become-blocks-with-the-encrypted-reasoning-as-signature/in.json"));
        List<JsonNode> events = new ArrayList<>();
        in.path("events").forEach(events::add);
        return events;
    }

    private static List<ChatEvent> decode(List<JsonNode> stream) {
        ResponsesEvents decoder = new ResponsesEvents(CodexRequests.ORIGIN, "fb", "gpt-5.1-codex", NOW);
        List<ChatEvent> events = new ArrayList<>();
        stream.forEach(e -> decoder.event(e, events::add));
        decoder.end(events::add);
        EventContract.assertObeyed(events);
        return events;
    }

    /** Named events with their data, as a Responses client reads them. */
    private static final class NamedSse implements SseSink {
        final List<String> names = new ArrayList<>();
        final List<JsonNode> data = new ArrayList<>();

        @Override
        public void send(String event, String payload) {
            names.add(event);
            data.add(Fixtures.parse(payload));
        }
    }

    @Test
    void aResponsesClientThroughTheCanonicalModelReadsTheAnswerAsOpenAiWouldStreamIt() throws IOException {
        ChatRequest request = ResponsesRequests.decode(Fixtures.parse("""
                {"model":"gpt-5.1-codex","instructions":"Be brief.","input":"Weather in Paris?","stream":true,
                 "reasoning":{"effort":"low","summary":"auto"},
                 "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]}"""));
        ObjectNode body = CodexRequests.encode(request, Optional.of("sess"), CodexRequests.ORIGIN);
        assertThat(body.path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(body.path("reasoning")).isEqualTo(Fixtures.parse("{\"effort\":\"low\",\"summary\":\"auto\"}"));
        assertThat(body.path("tools").path(0).path("name").asText()).isEqualTo("get_weather");

        NamedSse client = new NamedSse();
        ResponsesStreamWriter writer = new ResponsesStreamWriter(client, "resp_nx", "gpt-5.1-codex", 1);
        decode(backendStream()).forEach(writer::accept);

        assertThat(client.names).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        JsonNode completed = client.data.getLast().path("response");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("output")).extracting(item -> item.path("type").asText())
                .containsExactly("reasoning", "message", "function_call");
        assertThat(completed.path("output").path(0).path("summary").path(0).path("text").asText()).isEqualTo("Thinking hard");
        assertThat(completed.path("output").path(1).path("content").path(0).path("text").asText()).isEqualTo("Hello");
        assertThat(completed.path("output").path(2).path("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(completed.path("output").path(2).path("call_id").asText()).isEqualTo("call_1");
        assertThat(completed.path("usage")).isEqualTo(Fixtures.parse("""
                {"input_tokens":50,"input_tokens_details":{"cached_tokens":10},"output_tokens":20,
                 "output_tokens_details":{"reasoning_tokens":8},"total_tokens":70}"""));
        // The encrypted reasoning is the backend's: a Responses client of the canonical path never sees it.
        assertThat(client.data.toString()).doesNotContain("gAAAAenc");
    }

    @Test
    void anAnthropicClientsNextTurnReplaysTheEncryptedReasoningToCodexAndOnlyThere() throws IOException {
        ChatResponse answer = ChatResponse.collect(decode(backendStream()));
        ObjectNode message = AnthropicResponses.encode(answer, "msg_1", "gpt-5.1-codex");
        assertThat(message.path("content").path(0).path("signature").asText()).isEqualTo("nx1.codex.gAAAAenc");

        ObjectNode next = (ObjectNode) Fixtures.parse("""
                {"model":"gpt-5.1-codex","max_tokens":1000,"thinking":{"type":"enabled","budget_tokens":2048},
                 "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"Weather in Paris?"}]}""");
        ArrayNode messages = (ArrayNode) next.get("messages");
        messages.addObject().put("role", "assistant").set("content", message.get("content"));
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                .put("tool_use_id", "call_1").put("content", "18C");

        JsonNode body = CodexRequests.encode(AnthropicRequests.decode(next), Optional.empty(), CodexRequests.ORIGIN);
        assertThat(Fixtures.normalised(body.path("input"))).isEqualTo(Fixtures.parse("""
                [{"type":"message","role":"user","content":[{"type":"input_text","text":"Weather in Paris?"}]},
                 {"type":"reasoning","summary":[{"type":"summary_text","text":"Thinking hard"}],"encrypted_content":"gAAAAenc"},
                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello"}]},
                 {"type":"function_call","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}","call_id":"call_1"},
                 {"type":"function_call_output","call_id":"call_1","output":"18C"}]"""));
        // Anywhere else the Codex reasoning is not replayed.
        assertThat(AnthropicRequests.encode(dev.nexus.dialect.ThinkingReplay.safeFor(AnthropicRequests.decode(next), "anthropic"))
                .toString()).doesNotContain("gAAAAenc");
    }

    @Test
    void aResponsesClientByPassThroughGetsTheCollectedResponseWithEverythingTheBackendSent() throws IOException {
        CodexPassThrough.Prepared prepared = CodexPassThrough.prepare(Fixtures.parse("""
                {"model":"gpt-5.1-codex","input":"Weather in Paris?","stream":false,"store":true,"temperature":0.3,
                 "include":["reasoning.encrypted_content"]}"""));
        assertThat(prepared.clientStreams()).isFalse();
        assertThat(prepared.filteredHeader()).contains("temperature");
        assertThat(prepared.body().path("stream").asBoolean()).isTrue();
        assertThat(prepared.body().path("store").asBoolean()).isFalse();

        ResponsesCollector collector = new ResponsesCollector(NOW);
        backendStream().forEach(collector::event);
        collector.end();
        assertThat(collector.failure()).isEmpty();
        JsonNode response = collector.response().orElseThrow();
        assertThat(response.path("id").asText()).isEqualTo("resp_123");
        assertThat(response.path("status").asText()).isEqualTo("completed");
        assertThat(Fixtures.normalised(response.path("output"))).isEqualTo(Fixtures.parse("""
                [{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Thinking hard"}],"encrypted_content":"gAAAAenc"},
                 {"type":"message","id":"msg_1","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Hello","annotations":[]}]},
                 {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}","status":"completed"}]"""));
        assertThat(response.path("usage").path("total_tokens").asInt()).isEqualTo(70);
    }
}
