package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiChunksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> chunks(String... json) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        for (String c : json) {
            list.add(JSON.readTree(c));
        }
        return list;
    }

    @Test
    void textDeltasOfTheSameKindJoinAndOtherPartsStayInOrder() throws Exception {
        JsonNode merged = GeminiChunks.merge(chunks(
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"let me \",\"thought\":true}]}}]}",
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"think\",\"thought\":true,\"thoughtSignature\":\"s1\"}]}}]}",
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hel\"}]}}]}",
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"lo\"},"
                        + "{\"functionCall\":{\"id\":\"c1\",\"name\":\"f\",\"args\":{}},\"thoughtSignature\":\"s2\"}]}}]}",
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[]},\"finishReason\":\"STOP\"}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":2},\"modelVersion\":\"m\"}"));
        JsonNode parts = merged.at("/candidates/0/content/parts");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).path("text").asText()).isEqualTo("let me think");
        assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
        assertThat(parts.get(0).path("thoughtSignature").asText()).isEqualTo("s1");
        assertThat(parts.get(1).path("text").asText()).isEqualTo("Hello");
        assertThat(parts.get(2).at("/functionCall/id").asText()).isEqualTo("c1");
        assertThat(parts.get(2).path("thoughtSignature").asText()).isEqualTo("s2");
        assertThat(merged.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(merged.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(2);
        assertThat(merged.path("modelVersion").asText()).isEqualTo("m");
    }

    @Test
    void aSignedTextPartIsNotExtendedSoTheSignatureStaysOnItsPart() throws Exception {
        JsonNode merged = GeminiChunks.merge(chunks(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\",\"thoughtSignature\":\"s\"}]}}]}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}"));
        assertThat(merged.at("/candidates/0/content/parts")).hasSize(2);
    }

    @Test
    void aBlockedPromptKeepsItsFeedbackAndHasNoCandidates() throws Exception {
        JsonNode merged = GeminiChunks.merge(chunks("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}"));
        assertThat(merged.at("/promptFeedback/blockReason").asText()).isEqualTo("SAFETY");
        assertThat(merged.has("candidates")).isFalse();
    }
}
