package dev.nexus.provider.cloudcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AntigravityShapeTest {
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode request(String body) throws Exception {
        return (ObjectNode) json.readTree(body);
    }

    @Test
    void theEnvelopeCarriesProjectModelAndAgentFields() throws Exception {
        ObjectNode env = AntigravityShape.envelope(request("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"),
                "gemini-3-flash", "proj-1");
        assertThat(env.path("project").asText()).isEqualTo("proj-1");
        assertThat(env.path("model").asText()).isEqualTo("gemini-3-flash");
        assertThat(env.path("userAgent").asText()).isEqualTo("antigravity");
        assertThat(env.path("requestType").asText()).isEqualTo("agent");
        assertThat(env.path("requestId").asText()).startsWith("agent-");
        assertThat(env.path("request").path("sessionId").asText()).startsWith("-");
    }

    @Test
    void theSessionIdIsStableForOneConversation() throws Exception {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"plan the trip\"}]}]}";
        assertThat(AntigravityShape.sessionId(request(body))).isEqualTo(AntigravityShape.sessionId(request(body)));
        assertThat(AntigravityShape.sessionId(request(body.replace("trip", "party")))).isNotEqualTo(AntigravityShape.sessionId(request(body)));
    }

    @Test
    void toolsGetValidatedCallingUnlessTheClientChoseAMode() throws Exception {
        ObjectNode auto = request("{\"contents\":[],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}]}");
        AntigravityShape.adjust(auto, "gemini-3-flash");
        assertThat(auto.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("VALIDATED");

        ObjectNode none = request("{\"contents\":[],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}],"
                + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"NONE\"}}}");
        AntigravityShape.adjust(none, "gemini-3-flash");
        assertThat(none.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("NONE");

        ObjectNode noTools = request("{\"contents\":[]}");
        AntigravityShape.adjust(noTools, "gemini-3-flash");
        assertThat(noTools.has("toolConfig")).isFalse();
    }

    @Test
    void premiumModelsGetTheIdentityOnlyWhenTheyHaveNoSystemInstruction() throws Exception {
        ObjectNode bare = request("{\"contents\":[]}");
        AntigravityShape.adjust(bare, "claude-sonnet-4-5");
        assertThat(bare.at("/systemInstruction/parts/0/text").asText()).startsWith("You are Antigravity");

        ObjectNode own = request("{\"contents\":[],\"systemInstruction\":{\"parts\":[{\"text\":\"Be terse.\"}]}}");
        AntigravityShape.adjust(own, "gemini-3-pro-high");
        assertThat(own.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be terse.");

        ObjectNode flash = request("{\"contents\":[]}");
        AntigravityShape.adjust(flash, "gemini-3-flash");
        assertThat(flash.has("systemInstruction")).isFalse();
    }

    @Test
    void premiumMeansClaudeOrGemini3Pro() {
        assertThat(AntigravityShape.premium("claude-opus-4-6-thinking")).isTrue();
        assertThat(AntigravityShape.premium("gemini-3-pro-low")).isTrue();
        assertThat(AntigravityShape.premium("gemini-3-flash")).isFalse();
    }
}
