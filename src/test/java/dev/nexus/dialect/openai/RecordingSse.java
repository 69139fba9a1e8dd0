package dev.nexus.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nexus.dialect.SseSink;
import java.util.ArrayList;
import java.util.List;

/** An {@link SseSink} over a list of {@code data:} payloads; Chat Completions events never have a name. */
final class RecordingSse implements SseSink {
    final List<String> data = new ArrayList<>();

    @Override
    public void send(String event, String payload) {
        assertThat(event).as("Chat Completions events are data-only").isNull();
        data.add(payload);
    }
}
