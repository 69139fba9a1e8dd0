package dev.nexus.provider.anthropic;

import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Between the decoder and the gateway's sink: holds the message start (and usage known with it) until the answer has
 * content, and keeps a failure instead of passing it on. Anthropic opens every stream with {@code message_start} and can
 * still fail right after it ({@code overloaded_error}), so a failure before content then leaves the client untouched
 * and the gateway may fail over; the gateway writes the one {@code Failure} the client sees.
 */
final class HeldStart implements EventSink {
    private final EventSink sink;
    private final List<ChatEvent> held = new ArrayList<>();
    private boolean released;
    private UpstreamError failure;

    HeldStart(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void accept(ChatEvent event) {
        switch (event) {
            case ChatEvent.Failure f -> failure = f.error();
            case ChatEvent.MessageStart s when !released -> held.add(s);
            case ChatEvent.UsageUpdate u when !released -> held.add(u);
            default -> {
                if (!released) {
                    released = true;
                    held.forEach(sink::accept);
                    held.clear();
                }
                sink.accept(event);
            }
        }
    }

    /** Whether anything reached the sink: from then on a failure is the client's partial answer. */
    boolean released() {
        return released;
    }

    Optional<UpstreamError> failure() {
        return Optional.ofNullable(failure);
    }
}
