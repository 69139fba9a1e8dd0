package dev.nexus.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.fake.FakeGoogle;
import dev.nexus.testing.NexusHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
    private static final List<JsonNode> WRONG = List.of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.numberNode(7),
            JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.arrayNode().add(1), JsonNodeFactory.instance.objectNode().put("k", "v"));
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

    private void assertNoServerErrors(String path, String valid, String... headers) throws Exception {
        JsonNode base = JSON.readTree(valid);
        List<String> failures = new ArrayList<>();
        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        for (String pointer : pointers(base, "")) {
            for (JsonNode wrong : WRONG) {
                JsonNode body = replaced(base.deepCopy(), pointer, wrong);
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

    /** Every field and array element below the root, as JSON pointers. */
    private static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = at + "/" + e.getKey();
                out.add(p);
                out.addAll(pointers(e.getValue(), p));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = at + "/" + i;
                out.add(p);
                out.addAll(pointers(node.get(i), p));
            }
        }
        return out;
    }

    private static JsonNode replaced(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return root;
    }
}
