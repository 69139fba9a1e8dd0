package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.WebSources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundingMetadataTest {
    /** Two-byte (é), three-byte (€) and four-byte (😀, two UTF-16 units) characters before and inside the spans. */
    private static final String FIRST = "Café prices rose 5 € 😀 in 2025.";
    private static final String SECOND = " Über-fast trains run daily.";

    @Test
    void byteOffsetsOfAStreamedAnswerBecomeUtf16IndexesIntoTheWholeText() {
        String answer = FIRST + SECOND;
        int secondStart = bytes(FIRST);
        List<ChatEvent> events = decode(
                chunk("{\"text\":" + json(FIRST) + "}", ""),
                chunk("{\"text\":" + json(SECOND) + "}", """
                        ,"finishReason":"STOP","groundingMetadata":{"webSearchQueries":["cafe prices 2025"],
                          "groundingChunks":[{"web":{"uri":"https://a.example/x","title":"a.example"}},
                                             {"retrievedContext":{"uri":"gs://b"}},
                                             {"web":{"uri":"https://c.example/y","title":"c.example"}}],
                          "groundingSupports":[
                            {"segment":{"endIndex":%d,"text":%s},"groundingChunkIndices":[0]},
                            {"segment":{"startIndex":%d,"endIndex":%d,"text":%s},"groundingChunkIndices":[2,1,0]}]}"""
                        .formatted(bytes(FIRST), json(FIRST), secondStart, secondStart + bytes(SECOND), json(SECOND))));

        EventContract.check(events);
        assertThat(events.get(events.size() - 2)).isInstanceOf(ChatEvent.Sources.class);
        WebSources sources = ChatResponse.collect(events).sources().orElseThrow();
        assertThat(sources.queries()).containsExactly("cafe prices 2025");
        assertThat(sources.sources()).containsExactly(new WebSources.Source("https://a.example/x", "a.example"),
                new WebSources.Source("https://c.example/y", "c.example"));
        assertThat(sources.citations()).containsExactly(
                new WebSources.Citation(0, FIRST.length(), List.of(0)),
                new WebSources.Citation(FIRST.length(), answer.length(), List.of(1, 0)));
        assertThat(answer.substring(FIRST.length())).isEqualTo(SECOND);
    }

    @Test
    void aSegmentWhoseOffsetsDoNotHoldItsTextIsFoundByItsText() {
        // Offsets relative to the second part only: the text decides.
        List<ChatEvent> events = decode(chunk("{\"text\":" + json(FIRST + SECOND) + "}", """
                ,"groundingMetadata":{"groundingChunks":[{"web":{"uri":"https://a.example","title":"A"}}],
                  "groundingSupports":[{"segment":{"partIndex":1,"startIndex":1,"endIndex":%d,"text":"Über-fast trains"},
                    "groundingChunkIndices":[0]},
                    {"segment":{"startIndex":0,"endIndex":3,"text":"not in the answer"},"groundingChunkIndices":[0]}]}"""
                .formatted(1 + bytes("Über-fast trains"))));
        WebSources sources = ChatResponse.collect(events).sources().orElseThrow();
        int at = (FIRST + SECOND).indexOf("Über");
        assertThat(sources.citations()).containsExactly(new WebSources.Citation(at, at + "Über-fast trains".length(), List.of(0)));
    }

    @Test
    void thoughtsAreNotPartOfTheTextSpansCount() {
        List<ChatEvent> events = decode(chunk("{\"text\":\"Überlegung\",\"thought\":true},{\"text\":\"Ça va.\"}", """
                ,"groundingMetadata":{"groundingChunks":[{"web":{"uri":"https://a.example","title":"A"}}],
                  "groundingSupports":[{"segment":{"startIndex":3,"endIndex":7},"groundingChunkIndices":[0]}]}"""));
        assertThat(ChatResponse.collect(events).sources().orElseThrow().citations())
                .containsExactly(new WebSources.Citation(2, 6, List.of(0)));
    }

    @Test
    void anAnswerWithoutGroundingHasNoSources() {
        List<ChatEvent> events = decode(chunk("{\"text\":\"hi\"}", ""));
        assertThat(events).noneMatch(e -> e instanceof ChatEvent.Sources);
        assertThat(ChatResponse.collect(events).sources()).isEmpty();
    }

    @Test
    void byteOffsetsInsideACharacterOrPastTheEndHaveNoIndex() {
        assertThat(GroundingMetadata.utf16Index("é😀x", 2)).isEqualTo(1);
        assertThat(GroundingMetadata.utf16Index("é😀x", 6)).isEqualTo(3);
        assertThat(GroundingMetadata.utf16Index("é😀x", 7)).isEqualTo(4);
        assertThat(GroundingMetadata.utf16Index("é😀x", 1)).isEqualTo(-1);
        assertThat(GroundingMetadata.utf16Index("é😀x", 4)).isEqualTo(-1);
        assertThat(GroundingMetadata.utf16Index("é😀x", 8)).isEqualTo(-1);
    }

    private static List<ChatEvent> decode(String... chunks) {
        GeminiEventDecoder decoder = new GeminiEventDecoder(new GeminiTarget("gemini-3-flash", "cloudcode"), ToolNames.none(), "fb");
        List<ChatEvent> events = new ArrayList<>();
        for (String chunk : chunks) {
            decoder.chunk(Fixtures.parse(chunk), events::add);
        }
        decoder.end(events::add);
        return events;
    }

    private static String chunk(String parts, String candidateTail) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]}" + candidateTail + "}]}";
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String json(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }
}
