package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.Block;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.Message;
import dev.nexus.chat.Reasoning;
import dev.nexus.chat.Signature;
import dev.nexus.chat.StopReason;
import dev.nexus.chat.UpstreamError;
import dev.nexus.chat.Usage;
import dev.nexus.chat.WebSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiStreamWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Usage USAGE = new Usage(12, 30, 4, 10);

    private final List<ObjectNode> chunks = new ArrayList<>();
    private final List<UpstreamError> failures = new ArrayList<>();

    private GeminiStreamWriter writer(ChatRequest request) {
        return new GeminiStreamWriter(request, "resp-1", chunks::add, failures::add);
    }

    private static ChatRequest request(boolean showThoughts) {
        ChatRequest plain = ChatRequest.of("gpt-5.2-codex", List.of(Message.user("hi")));
        if (!showThoughts) {
            return plain;
        }
        return new ChatRequest(plain.model(), plain.system(), plain.messages(), plain.tools(), plain.toolChoice(),
                plain.parallelToolCalls(), plain.generation(), plain.responseFormat(),
                new Reasoning(Optional.of(true), Optional.empty(), Optional.empty(), Optional.of(true)), true, false, plain.metadata());
    }

    private static void text(GeminiStreamWriter w, int index, String... deltas) {
        w.accept(new ChatEvent.BlockStart(index, new Block.Text()));
        for (String delta : deltas) {
            w.accept(new ChatEvent.TextDelta(index, delta));
        }
        w.accept(new ChatEvent.BlockStop(index));
    }

    private List<JsonNode> parts() {
        List<JsonNode> parts = new ArrayList<>();
        chunks.forEach(c -> c.at("/candidates/0/content/parts").forEach(parts::add));
        return parts;
    }

    @Test
    void eachTextDeltaIsAChunkAndTheLastCarriesTheFinishAndUsage() {
        GeminiStreamWriter w = writer(request(false));
        w.accept(new ChatEvent.MessageStart("upstream-id", "gpt-5.2-codex"));
        text(w, 0, "Hel", "lo");
        assertThat(chunks).as("the last chunk is held for the finish").hasSize(1);
        w.accept(new ChatEvent.Finish(StopReason.END_TURN, USAGE));

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hel");
        assertThat(chunks.get(0).at("/candidates/0/content/role").asText()).isEqualTo("model");
        assertThat(chunks.get(0).has("usageMetadata")).isFalse();
        assertThat(chunks.get(0).path("responseId").asText()).isEqualTo("resp-1");
        assertThat(chunks.get(0).path("modelVersion").asText()).isEqualTo("gpt-5.2-codex");
        ObjectNode last = chunks.get(1);
        assertThat(last.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("lo");
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(12);
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(20);
        assertThat(last.at("/usageMetadata/thoughtsTokenCount").asLong()).isEqualTo(10);
        assertThat(last.at("/usageMetadata/cachedContentTokenCount").asLong()).isEqualTo(4);
        assertThat(last.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(42);
        assertThat(UsageMetadata.usage(last.get("usageMetadata"))).isEqualTo(USAGE);
    }

    @Test
    void thoughtsAreShownOnlyWhenTheClientAskedForThem() {
        for (boolean show : List.of(false, true)) {
            chunks.clear();
            GeminiStreamWriter w = writer(request(show));
            w.accept(new ChatEvent.BlockStart(0, new Block.Thinking()));
            w.accept(new ChatEvent.ThinkingDelta(0, "pondering"));
            w.accept(new ChatEvent.SignatureDelta(0, new Signature("gAAAA-enc", "codex")));
            w.accept(new ChatEvent.BlockStop(0));
            text(w, 1, "answer");
            w.accept(new ChatEvent.Finish(StopReason.END_TURN, USAGE));

            List<JsonNode> parts = parts();
            if (show) {
                assertThat(parts).hasSize(3);
                assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
                assertThat(parts.get(0).path("text").asText()).isEqualTo("pondering");
                assertThat(parts.get(1).path("thought").asBoolean()).isTrue();
                assertThat(ThoughtSignatures.unwrap(parts.get(1).path("thoughtSignature").asText()))
                        .isEqualTo(new Signature("gAAAA-enc", "codex"));
                assertThat(parts.get(2).path("text").asText()).isEqualTo("answer");
            } else {
                assertThat(parts).hasSize(1);
                assertThat(parts.get(0).path("text").asText()).isEqualTo("answer");
                assertThat(parts.get(0).has("thought")).isFalse();
            }
        }
    }

    @Test
    void aToolCallIsOneFunctionCallPartWithItsArgumentsAndALabelledSignature() {
        GeminiStreamWriter w = writer(request(false));
        w.accept(new ChatEvent.BlockStart(0, new Block.ToolCall("call_1", "get_weather")));
        w.accept(new ChatEvent.ToolArgsDelta(0, "{\"city\":"));
        w.accept(new ChatEvent.ToolArgsDelta(0, "\"Paris\"}"));
        w.accept(new ChatEvent.SignatureDelta(0, new Signature("gAAAA-enc", "codex")));
        w.accept(new ChatEvent.BlockStop(0));
        w.accept(new ChatEvent.Finish(StopReason.TOOL_USE, USAGE));

        assertThat(chunks).hasSize(1);
        JsonNode part = chunks.get(0).at("/candidates/0/content/parts/0");
        assertThat(part.at("/functionCall/id").asText()).isEqualTo("call_1");
        assertThat(part.at("/functionCall/name").asText()).isEqualTo("get_weather");
        assertThat(part.at("/functionCall/args/city").asText()).isEqualTo("Paris");
        assertThat(chunks.get(0).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        // The client replays the part as it got it: decoded, the signature is Codex's again, so it goes back there.
        dev.nexus.chat.Part replayed = PartDecoder.decode(part, "contents[1].parts[0]");
        assertThat(replayed).isInstanceOfSatisfying(dev.nexus.chat.Part.ToolCall.class,
                call -> assertThat(call.signature()).contains(new Signature("gAAAA-enc", "codex")));
    }

    @Test
    void anEmptyAnswerStillEndsInOneChunkWithItsFinishReason() {
        GeminiStreamWriter w = writer(request(false));
        w.accept(new ChatEvent.Finish(StopReason.MAX_TOKENS, Usage.ZERO));
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).at("/candidates/0/content/parts").size()).isZero();
        assertThat(chunks.get(0).at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void aFailureBeforeAnyOutputWritesNothingAndAfterOutputComesAfterTheHeldChunk() {
        GeminiStreamWriter before = writer(request(false));
        UpstreamError limited = UpstreamError.of(429, UpstreamError.Kind.RATE_LIMITED, "usage limit");
        before.accept(new ChatEvent.Failure(limited));
        assertThat(chunks).isEmpty();
        assertThat(before.started()).isFalse();
        assertThat(failures).containsExactly(limited);

        failures.clear();
        GeminiStreamWriter after = writer(request(false));
        after.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        after.accept(new ChatEvent.TextDelta(0, "partial"));
        assertThat(after.started()).isFalse();
        UpstreamError broken = UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, "stream closed");
        after.accept(new ChatEvent.Failure(broken));
        assertThat(after.started()).isTrue();
        assertThat(parts()).extracting(p -> p.path("text").asText()).containsExactly("partial");
        assertThat(failures).containsExactly(broken);
        after.accept(new ChatEvent.Finish(StopReason.END_TURN, USAGE));
        assertThat(chunks).as("nothing after the end").hasSize(1);
    }

    @Test
    void stopReasonsMapToGeminiFinishReasons() {
        assertThat(FinishReasons.toGemini(StopReason.END_TURN)).isEqualTo("STOP");
        assertThat(FinishReasons.toGemini(StopReason.TOOL_USE)).isEqualTo("STOP");
        assertThat(FinishReasons.toGemini(StopReason.STOP_SEQUENCE)).isEqualTo("STOP");
        assertThat(FinishReasons.toGemini(StopReason.MAX_TOKENS)).isEqualTo("MAX_TOKENS");
        assertThat(FinishReasons.toGemini(StopReason.CONTENT_FILTER)).isEqualTo("SAFETY");
        assertThat(FinishReasons.toGemini(StopReason.ERROR)).isEqualTo("OTHER");
        for (StopReason reason : List.of(StopReason.END_TURN, StopReason.MAX_TOKENS, StopReason.CONTENT_FILTER)) {
            assertThat(FinishReasons.of(FinishReasons.toGemini(reason), false, false)).isEqualTo(reason);
        }
    }

    @Test
    void webSourcesBecomeGroundingMetadataWithUtf8ByteSpansThatReadBackTheSame() {
        ChatRequest plain = request(false);
        ChatRequest searching = new ChatRequest(plain.model(), plain.system(), plain.messages(),
                List.of(new dev.nexus.chat.Tool.WebSearch()), plain.toolChoice(), plain.parallelToolCalls(),
                plain.generation(), plain.responseFormat(), plain.reasoning(), true, false, plain.metadata());
        GeminiStreamWriter w = writer(searching);
        String answer = "Café prices rose. Tea fell.";
        text(w, 0, "Café prices ", "rose. Tea fell.");
        WebSources sources = new WebSources(List.of("cafe prices"), List.of(new WebSources.Source("https://a.example/", "a.example"),
                new WebSources.Source("https://b.example/", "b.example")),
                List.of(new WebSources.Citation(0, 17, List.of(0)), new WebSources.Citation(18, 27, List.of(0, 1))));
        w.accept(new ChatEvent.Sources(sources));
        w.accept(new ChatEvent.Finish(StopReason.END_TURN, USAGE));

        JsonNode metadata = chunks.get(chunks.size() - 1).at("/candidates/0/groundingMetadata");
        assertThat(metadata.at("/groundingSupports/0/segment/endIndex").asInt()).as("é is two bytes").isEqualTo(18);
        assertThat(metadata.at("/groundingSupports/1/segment/startIndex").asInt()).isEqualTo(19);
        assertThat(metadata.at("/groundingSupports/1/segment/text").asText()).isEqualTo("Tea fell.");
        GroundingMetadata read = new GroundingMetadata();
        read.add(metadata);
        assertThat(read.sources(answer)).contains(sources);
    }

    @Test
    void theUnaryAnswerIsTheFoldOfTheSameChunks() throws Exception {
        List<ObjectNode> responses = new ArrayList<>();
        GeminiResponses unary = new GeminiResponses(request(false), "resp-1", responses::add, failures::add);
        unary.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        unary.accept(new ChatEvent.TextDelta(0, "one "));
        unary.accept(new ChatEvent.TextDelta(0, "two"));
        unary.accept(new ChatEvent.BlockStop(0));
        unary.accept(new ChatEvent.BlockStart(1, new Block.ToolCall("call_9", "lookup")));
        unary.accept(new ChatEvent.ToolArgsDelta(1, "{\"q\":\"x\"}"));
        unary.accept(new ChatEvent.BlockStop(1));
        unary.accept(new ChatEvent.Finish(StopReason.TOOL_USE, USAGE));

        assertThat(responses).hasSize(1);
        assertThat(JSON.readTree(responses.get(0).toString())).isEqualTo(JSON.readTree("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"one two"},
                   {"functionCall":{"id":"call_9","name":"lookup","args":{"q":"x"}}}]},
                  "index":0,"finishReason":"STOP"}],
                 "modelVersion":"gpt-5.2-codex","responseId":"resp-1",
                 "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":20,"totalTokenCount":42,
                   "thoughtsTokenCount":10,"cachedContentTokenCount":4}}
                """));
        assertThat(failures).isEmpty();
    }

    @Test
    void aUnaryAnswerThatFailsGivesOnlyTheFailure() {
        List<ObjectNode> responses = new ArrayList<>();
        GeminiResponses unary = new GeminiResponses(request(false), "resp-1", responses::add, failures::add);
        unary.accept(new ChatEvent.BlockStart(0, new Block.Text()));
        unary.accept(new ChatEvent.TextDelta(0, "par"));
        unary.accept(new ChatEvent.Failure(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, "broken")));
        assertThat(responses).isEmpty();
        assertThat(failures).hasSize(1);
    }
}
