package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatRequest;
import org.junit.jupiter.api.Test;

class GeminiRoundTripTest {
    private static final String HISTORY = """
            {"contents":[
              {"role":"user","parts":[{"text":"read a"}]},
              {"role":"model","parts":[{"text":"plan","thought":true,"thoughtSignature":"clientThought"},
                {"functionCall":{"id":"c1","name":"read","args":{"path":"a"}},"thoughtSignature":"clientSig"}]},
              {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"read","response":{"output":"A"}}}]}]}
            """;

    @Test
    void aGenAiClientsSignaturesAreNeverReplayedUpstream() {
        ChatRequest request = GeminiRequests.decode(Fixtures.parse(HISTORY), "gemini-3-flash", true);
        JsonNode body = GeminiRequests.encode(request, new GeminiTarget("gemini-3-flash", "cloudcode")).body();
        JsonNode model = body.path("contents").path(1);
        assertThat(model.path("parts")).hasSize(1);
        assertThat(model.path("parts").path(0).path("thoughtSignature").asText()).isEqualTo(ContentsEncoder.SKIP_SIGNATURE);
        assertThat(body.toString()).doesNotContain("clientSig").doesNotContain("clientThought");
    }

    @Test
    void aPlainConversationSurvivesDecodeAndEncode() {
        String plain = """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]},{"role":"model","parts":[{"text":"hello"}]},
                  {"role":"user","parts":[{"text":"bye"}]}],
                 "systemInstruction":{"role":"user","parts":[{"text":"Be terse."}]},
                 "generationConfig":{"temperature":0.5,"maxOutputTokens":100}}
                """;
        JsonNode body = GeminiRequests.encode(GeminiRequests.decode(Fixtures.parse(plain), "gemini-2.5-flash", false),
                new GeminiTarget("gemini-2.5-flash", "gemini")).body();
        assertThat(Fixtures.pretty(body)).isEqualTo(Fixtures.pretty(Fixtures.parse(plain)));
    }
}
