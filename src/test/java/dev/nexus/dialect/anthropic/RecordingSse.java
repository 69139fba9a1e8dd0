package dev.nexus.dialect.anthropic;

import dev.nexus.dialect.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nexus.dialect.SseSink;
import java.util.ArrayList;
import java.util.List;

/** An {@link SseSink} over a list of named events; every Anthropic event has a name and a JSON object as data. */
final class RecordingSse implements SseSink {
    record Sent(String event, String data) {}

    final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(String event, String data) {
        assertThat(event).as("Anthropic events are named").isNotBlank();
        assertThat(Fixtures.parse(data).isObject()).as("data of %s is a JSON object: %s", event, data).isTrue();
        assertThat(Fixtures.parse(data).path("type").asText()).as("type of %s", event).isEqualTo(event);
        sent.add(new Sent(event, data));
    }

    List<String> names() {
        return sent.stream().map(Sent::event).toList();
    }

    /** The events as fixtures spell them: {@code [[name, data], ...]}. */
    ArrayNode asJson() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        sent.forEach(s -> out.addArray().add(s.event()).add(Fixtures.parse(s.data())));
        return out;
    }
}
