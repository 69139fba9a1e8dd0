package dev.nexus.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.anthropic.AnthropicErrors;
import dev.nexus.provider.AnthropicRelay;
import dev.nexus.provider.SseReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A relayed Anthropic stream, watched as it passes: events go to the sink with their bytes unchanged, except that
 * {@code message_start} and {@code ping} are held until the first content (so a failure right after them can still be
 * failed over), and an {@code error} event ends the relay as the call's failure. Only event names are looked at; the
 * data is parsed only for an {@code error} event or an event without a name. One per response.
 */
final class RelayedStream {
    private final AnthropicRelay.Sink sink;
    private final ObjectMapper json;
    private final List<SseReader.Event> held = new ArrayList<>();
    private boolean released;
    private boolean stopReasonSeen;
    private boolean stopped;
    private UpstreamError failure;

    RelayedStream(AnthropicRelay.Sink sink, ObjectMapper json) {
        this.sink = sink;
        this.json = json;
    }

    void event(SseReader.Event event) {
        String name = event.name() == null || event.name().isEmpty() ? parse(event.data()).path("type").asText("") : event.name();
        switch (name) {
            case "error" -> failure = AnthropicErrors.toUpstream(0, parse(event.data()));
            case "message_start", "ping" -> {
                if (released) {
                    sink.event(name, event.data());
                } else {
                    held.add(new SseReader.Event(name, event.data()));
                }
            }
            default -> {
                if (!released) {
                    released = true;
                    held.forEach(e -> sink.event(e.name(), e.data()));
                    held.clear();
                }
                sink.event(name, event.data());
                stopReasonSeen |= name.equals("message_delta");
                stopped |= name.equals("message_stop");
            }
        }
    }

    /** Whether the relay is over: the answer stopped or failed. */
    boolean over() {
        return stopped || failure != null;
    }

    boolean released() {
        return released;
    }

    /**
     * How the stream ended: its error event's failure; a stream that ended before any {@code message_delta} was cut off.
     * One that ended after it without {@code message_stop} is complete, as the SDKs treat it.
     */
    Optional<UpstreamError> failure() {
        if (failure == null && !stopped && !stopReasonSeen) {
            return Optional.of(UpstreamError.of(502, UpstreamError.Kind.UPSTREAM,
                    "the upstream's stream ended before the answer was complete"));
        }
        return Optional.ofNullable(failure);
    }

    private JsonNode parse(byte[] data) {
        try {
            JsonNode node = json.readTree(data);
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException malformed) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
