package dev.nexus.provider.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.openai.ResponsesEvents;
import dev.nexus.provider.Outcome;
import dev.nexus.provider.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Codex backend SSE body into canonical events and says how the call ended. The backend opens every answer
 * with {@code response.created}, and can still fail right after it (a rate limit, an invalid prompt), so the
 * {@code MessageStart} is held back until the first block or the finish: a failure before any content reaches the
 * sink is then an ordinary failed call the gateway can fail over from, and never a second start on the next
 * attempt. Failures are returned, not sent: the gateway writes the one {@code Failure} the client sees. After content
 * reached the sink a failure is {@link Outcome.Broken}. Blank, {@code [DONE]} and malformed events are skipped;
 * reading stops at the terminal event.
 */
public final class CodexStream {
    private static final Logger LOG = LoggerFactory.getLogger(CodexStream.class);

    private final ObjectMapper json;

    public CodexStream(ObjectMapper json) {
        this.json = json;
    }

    /** @param now when the answer arrived, for resets given as times */
    public Outcome read(InputStream in, ResponsesEvents decoder, EventSink sink, Instant now) {
        Gate gate = new Gate(sink);
        try {
            SseReader reader = new SseReader(in);
            // Checked before each read: the backend may keep the connection open after the terminal event.
            while (!decoder.ended()) {
                Optional<SseReader.Event> next = reader.next();
                if (next.isEmpty()) {
                    break;
                }
                JsonNode data = parse(next.get().data());
                if (data != null && data.isObject()) {
                    decoder.event(data, gate);
                }
            }
        } catch (IOException e) {
            UpstreamError error = UpstreamError.of(502, UpstreamError.Kind.UPSTREAM, "the Codex stream broke: " + e.getMessage());
            return gate.released ? new Outcome.Broken(error) : new Outcome.Retryable(error);
        }
        decoder.end(gate);
        return decoder.failure()
                .map(failure -> gate.released ? new Outcome.Broken(failure.error()) : CodexFailures.of(failure, Optional.empty(), now))
                .orElse(Outcome.DONE);
    }

    private JsonNode parse(byte[] data) {
        try {
            return json.readTree(data);
        } catch (IOException malformed) {
            // "[DONE]", a keep-alive or a torn line: nothing the answer depends on.
            LOG.debug("skipping a Codex stream event that is not JSON: {}", malformed.getMessage());
            return null;
        }
    }

    /** Holds the start until there is content, and keeps failures for the gateway. */
    private static final class Gate implements EventSink {
        private final EventSink sink;
        private ChatEvent.MessageStart start;
        boolean released;

        Gate(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(ChatEvent event) {
            switch (event) {
                case ChatEvent.MessageStart s -> start = s;
                case ChatEvent.Failure f -> { }
                default -> {
                    if (!released) {
                        released = true;
                        if (start != null) {
                            sink.accept(start);
                        }
                    }
                    sink.accept(event);
                }
            }
        }
    }
}
