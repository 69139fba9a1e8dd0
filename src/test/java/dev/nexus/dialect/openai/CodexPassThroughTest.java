package dev.nexus.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.dialect.DialectException;
import dev.nexus.dialect.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * codex/relay/&lt;case&gt;: in.json is a client's Responses body; out.json is {@code {"body", "filtered",
 * "header", "clientStreams"}}: what goes to the backend, what was removed, the {@code X-Nexus-Codex-Filtered-Params}
 * value (null for no header) and whether the client streams.
 */
class CodexPassThroughTest {

    static Stream<Arguments> cases() {
        return Fixtures.cases("openai/codex/relay");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void clientBodyIsRelayedWithTheBackendsRules(String behaviour, JsonNode in, JsonNode expected) {
        assertThat(Fixtures.normalised(render(CodexPassThrough.prepare(in.deepCopy())))).isEqualTo(expected);
    }

    static ObjectNode render(CodexPassThrough.Prepared prepared) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("body", prepared.body());
        prepared.filtered().forEach(out.putArray("filtered")::add);
        if (prepared.filtered().isEmpty()) {
            out.putArray("filtered");
        }
        out.put("header", prepared.filteredHeader().orElse(null));
        out.put("clientStreams", prepared.clientStreams());
        return out;
    }

    @Test
    void theHeaderIsReadWithoutChangingTheBodyAndNamesWhatPrepareRemoves() {
        ObjectNode body = (ObjectNode) Fixtures.parse("""
                {"model":"gpt-5.2-codex","temperature":0.2,"max_output_tokens":null,"service_tier":"priority",
                 "top_p":1,"input":"hi"}""");
        String before = body.toString();
        java.util.Optional<String> header = CodexPassThrough.filteredHeader(body);
        assertThat(body.toString()).isEqualTo(before);
        assertThat(header).isEqualTo(CodexPassThrough.prepare(body.deepCopy()).filteredHeader());
        assertThat(header.orElseThrow()).contains("temperature", "top_p").doesNotContain("max_output_tokens", "service_tier");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> CodexPassThrough.prepare(Fixtures.parse("[1]")))
                .isInstanceOf(DialectException.class).hasMessageContaining("JSON object");
    }

    @Test
    void theHeaderNamesTheGoOriginalsFiveFirstInTheirFixedOrder() {
        CodexPassThrough.Prepared prepared = CodexPassThrough.prepare(Fixtures.parse("""
                {"user":"u","service_tier":"flex","top_p":1,"temperature":1,"max_completion_tokens":3,"max_output_tokens":4,
                 "input":"hi"}"""));
        assertThat(prepared.filteredHeader())
                .contains("max_output_tokens,max_completion_tokens,temperature,top_p,service_tier,user");
    }
}
