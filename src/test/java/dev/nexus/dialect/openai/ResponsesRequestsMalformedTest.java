package dev.nexus.dialect.openai;

import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input never crashes the decoder: every field of a valid Responses body, replaced in turn by a value of every
 * JSON type, either decodes or is refused with a {@link DialectException} (400) naming a field.
 */
class ResponsesRequestsMalformedTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> WRONG = List.of(F.nullNode(), F.numberNode(7), F.textNode("x"), F.booleanNode(true),
            F.arrayNode().add(1), F.objectNode().put("k", "v"));

    @Test
    void everyFieldOfEveryTypeDecodesOrIsRefusedWithAFieldPath() {
        JsonNode base = Fixtures.parse("""
                {"model":"gpt-5","instructions":"s","stream":false,"temperature":0.5,"top_p":1,"max_output_tokens":10,
                 "parallel_tool_calls":true,"reasoning":{"effort":"low","summary":"auto"},"metadata":{"k":"v"},"user":"u",
                 "text":{"format":{"type":"json_schema","name":"a","schema":{"type":"object"},"strict":true}},
                 "tools":[{"type":"function","name":"f","description":"d","parameters":{"type":"object"},"strict":true},
                          {"type":"web_search"}],
                 "tool_choice":{"type":"function","name":"f"},
                 "input":[{"type":"message","role":"developer","content":"rules"},
                   {"role":"user","content":[{"type":"input_text","text":"hi"},
                     {"type":"input_image","image_url":"data:image/png;base64,AAAA"},
                     {"type":"input_file","filename":"a.pdf","file_data":"data:application/pdf;base64,AAAA"}]},
                   {"type":"reasoning","summary":[{"type":"summary_text","text":"t"}],"encrypted_content":"e"},
                   {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
                   {"type":"function_call_output","call_id":"c1","output":"ok"},
                   {"type":"message","role":"assistant","content":[{"type":"output_text","text":"done"}]}]}""");
        ResponsesRequests.decode(base);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (String pointer : pointers(base, "")) {
            for (JsonNode wrong : WRONG) {
                JsonNode body = replaced(base.deepCopy(), pointer, wrong);
                try {
                    ResponsesRequests.decode(body);
                } catch (DialectException e) {
                    refused++;
                    if (e.status() != 400 || e.getMessage().isBlank()) {
                        failures.add(pointer + " = " + wrong + " → " + e.status() + " " + e.getMessage());
                    }
                } catch (RuntimeException e) {
                    failures.add(pointer + " = " + wrong + " → " + e);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(refused).isPositive();
    }

    private static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
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
