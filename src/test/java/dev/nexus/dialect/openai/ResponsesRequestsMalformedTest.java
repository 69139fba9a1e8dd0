package dev.nexus.dialect.openai;

import dev.nexus.testing.JsonMutations;
import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.dialect.DialectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input never crashes the decoder: every field of a valid Responses body, replaced in turn by a value of every
 * JSON type, either decodes or is refused with a {@link DialectException} (400) naming a field.
 */
class ResponsesRequestsMalformedTest {

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
        for (String pointer : JsonMutations.pointers(base)) {
            for (JsonNode wrong : JsonMutations.WRONG_VALUES) {
                JsonNode body = JsonMutations.replaced(base, pointer, wrong);
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
}
