package dev.nexus.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeminiPassThroughTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GeminiPassThrough passThrough = new GeminiPassThrough(new SplittableRandom(7));

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void geminiTargetsGetTheBodyUntouched() throws Exception {
        ObjectNode request = body("""
                {"contents":[{"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]}],
                 "tools":[{"googleSearch":{}}],"futureField":1}""");
        ObjectNode before = request.deepCopy();
        passThrough.prepare(request, new GeminiTarget("gemini-3-flash", "cloudcode/gemini"));
        assertThat(request).isEqualTo(before);
    }

    @Test
    void claudeCallsWithoutIdsGetOneAndResponsesTakeTheLatestCallOfTheirName() throws Exception {
        ObjectNode request = body("""
                {"contents":[
                  {"role":"model","parts":[{"functionCall":{"name":"read","args":{"p":"a"}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"read","response":{"output":"A"}}}]},
                  {"role":"model","parts":[{"functionCall":{"id":"given-1","name":"read","args":{"p":"b"}}},
                                           {"functionCall":{"name":"list","args":{}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"read","response":{"output":"B"}}},
                                          {"functionResponse":{"name":"list","response":{"output":"[]"}}},
                                          {"functionResponse":{"name":"never_called","response":{}}},
                                          {"functionResponse":{"id":"kept","name":"read","response":{}}}]}]}""");
        passThrough.prepare(request, new GeminiTarget("claude-sonnet-4-5", "cloudcode/claude"));
        String first = request.at("/contents/0/parts/0/functionCall/id").asText();
        assertThat(first).matches("toolu_[0-9a-f]{24}");
        assertThat(request.at("/contents/1/parts/0/functionResponse/id").asText()).isEqualTo(first);
        assertThat(request.at("/contents/2/parts/0/functionCall/id").asText()).isEqualTo("given-1");
        String list = request.at("/contents/2/parts/1/functionCall/id").asText();
        assertThat(list).startsWith("toolu_").isNotEqualTo(first);
        assertThat(request.at("/contents/3/parts/0/functionResponse/id").asText()).isEqualTo("given-1");
        assertThat(request.at("/contents/3/parts/1/functionResponse/id").asText()).isEqualTo(list);
        assertThat(request.at("/contents/3/parts/2/functionResponse/id").asText()).startsWith("toolu_");
        assertThat(request.at("/contents/3/parts/3/functionResponse/id").asText()).isEqualTo("kept");
    }

    @Test
    void claudeTargetsLoseEverySearchToolAndAnEmptyToolListGoes() throws Exception {
        ObjectNode mixed = body("""
                {"contents":[],"tools":[{"googleSearch":{}},{"googleSearchRetrieval":{}},"google_search",
                  {"functionDeclarations":[{"name":"f"}]},{"codeExecution":{}}]}""");
        passThrough.prepare(mixed, new GeminiTarget("claude-opus-4-6-thinking", "cloudcode/claude"));
        assertThat(mixed.path("tools")).hasSize(2);
        assertThat(mixed.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("f");
        assertThat(mixed.at("/tools/1").has("codeExecution")).isTrue();

        ObjectNode searchOnly = body("{\"contents\":[],\"tools\":[{\"googleSearch\":{}}]}");
        passThrough.prepare(searchOnly, new GeminiTarget("claude-sonnet-4-5", "cloudcode/claude"));
        assertThat(searchOnly.has("tools")).isFalse();
    }
}
