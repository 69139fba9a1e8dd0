package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.JsonMutations;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never crashes a handler: every field of a valid request, replaced in turn by values of every other JSON
 * type, gets an answer below 500 in the surface's own envelope.
 */
class MalformedInputTest {
    private static final String KEY = "sk-malformed-input-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private FakeGoogle google;
    private NexusHarness nexus;

    @BeforeEach
    void start() {
        google = FakeGoogle.start();
        google.addAccount("a@example.com", "proj-a");
        nexus = new NexusHarness(dir).env("NEXUS_API_KEY", KEY).usingGoogle(google);
        assertThat(nexus.cli("accounts", "import", "--refresh-token", google.account("a@example.com").refreshToken()).code()).isZero();
        nexus.start();
    }

    @AfterEach
    void stop() {
        nexus.close();
        google.close();
    }

    @Test
    void chatCompletionsNeverAnswer500ToMalformedFields() throws Exception {
        String valid = """
                {"model":"gemini-3-flash","stream":false,"temperature":0.5,"max_tokens":10,"stop":["x"],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "tool_choice":"auto","response_format":{"type":"json_object"},
                 "messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"hi"}]},
                   {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                   {"role":"tool","tool_call_id":"c1","content":"ok"}]}""";
        assertNoServerErrors("/v1/chat/completions", valid, "Authorization", "Bearer " + KEY);
    }

    @Test
    void anthropicMessagesNeverAnswer500ToMalformedFields() throws Exception {
        String valid = """
                {"model":"claude-sonnet-4-5","max_tokens":10,"system":[{"type":"text","text":"s"}],
                 "thinking":{"type":"enabled","budget_tokens":1024},"tool_choice":{"type":"auto"},
                 "tools":[{"name":"f","input_schema":{"type":"object"}}],"metadata":{"user_id":"u"},
                 "messages":[{"role":"user","content":"hi"},
                   {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]}""";
        assertNoServerErrors("/v1/messages", valid, "x-api-key", KEY);
    }

    @Test
    void genAiPassThroughNeverAnswers500ToMalformedFields() throws Exception {
        String valid = """
                {"systemInstruction":{"parts":[{"text":"s"}]},
                 "contents":[{"role":"user","parts":[{"text":"hi"}]},
                   {"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]},
                   {"role":"user","parts":[{"functionResponse":{"name":"f","response":{"output":"ok"}}}]}],
                 "tools":[{"googleSearch":{}},{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT"}}]}],
                 "generationConfig":{"temperature":0.5,"maxOutputTokens":10}}""";
        // A Claude target, so the pass-through's own adjustments (call ids, search tools) meet every malformed shape.
        assertNoServerErrors("/genai/v1beta/models/claude-sonnet-4-5:generateContent", valid, "x-goog-api-key", KEY);
    }

    private void assertNoServerErrors(String path, String valid, String... headers) throws Exception {
        JsonNode base = JSON.readTree(valid);
        List<String> failures = new ArrayList<>();
        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        for (String pointer : JsonMutations.pointers(base)) {
            for (JsonNode wrong : JsonMutations.WRONG_VALUES) {
                JsonNode body = JsonMutations.replaced(base, pointer, wrong);
                HttpResponse<String> res = nexus.post(path, body.toString(), headers);
                statuses.add(res.statusCode());
                if (res.statusCode() >= 500 && res.statusCode() != 529 && res.statusCode() != 502 && res.statusCode() != 503) {
                    failures.add(pointer + " = " + wrong + " → " + res.statusCode() + " " + res.body());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(statuses).as("most mutations are refused as bad requests").contains(400);
    }
}
