package dev.nexus.fake;

import java.io.IOException;

/** Writes one streamed reply, flushing after every event so the client sees each as it is produced. */
sealed interface StreamWriter permits SseWriter, JsonArrayWriter {

    String contentType();

    void event(String json) throws IOException;

    /** Writes and flushes roughly the first half of an event's bytes, for mid-event disconnects. */
    void partialEvent(String json) throws IOException;

    /** Writes whatever closes the stream format; SSE needs nothing. */
    void finish() throws IOException;
}
