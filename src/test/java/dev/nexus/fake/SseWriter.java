package dev.nexus.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Server-sent events as Cloud Code writes them: one {@code data:} line per event, no event names, no [DONE]. */
final class SseWriter implements StreamWriter {
    private final OutputStream out;
    private final String lineEnd;

    SseWriter(OutputStream out, boolean crlf) {
        this.out = out;
        this.lineEnd = crlf ? "\r\n" : "\n";
    }

    @Override
    public String contentType() {
        return "text/event-stream";
    }

    @Override
    public void event(String json) throws IOException {
        out.write(frame(json));
        out.flush();
    }

    @Override
    public void partialEvent(String json) throws IOException {
        byte[] frame = frame(json);
        out.write(Arrays.copyOf(frame, frame.length / 2));
        out.flush();
    }

    @Override
    public void finish() {}

    private byte[] frame(String json) {
        return ("data: " + json + lineEnd + lineEnd).getBytes(StandardCharsets.UTF_8);
    }
}
