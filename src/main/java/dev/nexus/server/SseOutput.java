package dev.nexus.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.nexus.dialect.SseSink;
import dev.nexus.monitor.Observation;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Server-Sent Events over a Helidon response. Headers are committed with the first event, so a handler can still
 * answer with a plain HTTP error until then; every event is flushed on its own (TCP_NODELAY is on).
 * A client that went away surfaces as {@link ClientGone}. What is written is shown to the request monitor.
 */
public final class SseOutput implements SseSink, AutoCloseable {
    /** Compact JSON; a writer is thread-safe and keeps no state between values. */
    private static final ObjectWriter JSON = new ObjectMapper().writer();
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerResponse res;
    private final Supplier<Map<String, String>> lateHeaders;
    private final Observation observation;
    private OutputStream out;

    public SseOutput(ServerRequest req, ServerResponse res, Supplier<Map<String, String>> lateHeaders) {
        this.res = res;
        this.lateHeaders = lateHeaders;
        this.observation = Observations.of(req);
    }

    public boolean started() {
        return out != null;
    }

    @Override
    public void send(String event, String data) {
        write(frame(event, data));
    }

    @Override
    public void send(String event, JsonNode data) {
        write(frame(event, data));
    }

    /** One event as it goes on the wire: an optional {@code event:} line, {@code data: <data>}, a blank line. */
    public static byte[] frame(String event, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 32);
        if (event != null) {
            frame.append("event: ").append(event).append('\n');
        }
        frame.append("data: ").append(data).append("\n\n");
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same for JSON data, serialized compactly straight into the frame's bytes. */
    public static byte[] frame(String event, JsonNode data) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(256);
        if (event != null) {
            frame.writeBytes(EVENT);
            frame.writeBytes(event.getBytes(StandardCharsets.UTF_8));
            frame.write('\n');
        }
        frame.writeBytes(DATA);
        try {
            JSON.writeValue(frame, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize an event", e);
        }
        frame.writeBytes(END);
        return frame.toByteArray();
    }

    /** A data-only event whose data is already encoded (a relayed upstream event), written without a copy to text. */
    public void data(byte[] data) {
        byte[] frame = new byte[DATA.length + data.length + END.length];
        System.arraycopy(DATA, 0, frame, 0, DATA.length);
        System.arraycopy(data, 0, frame, DATA.length, data.length);
        System.arraycopy(END, 0, frame, DATA.length + data.length, END.length);
        write(frame);
    }

    /** A comment line ({@code : text}), which clients ignore: keeps an idle stream from being cut by proxies. */
    public void comment(String text) {
        write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        try {
            if (out == null) {
                commit();
            }
            observation.firstByte();
            out.write(bytes);
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            observation.error(ClientGone.MESSAGE);
            throw new ClientGone(e);
        }
        observation.responseBytes(200, bytes);
    }

    private void commit() {
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("X-Accel-Buffering", "no");
        lateHeaders.get().forEach(res::header);
        out = res.outputStream();
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException | UncheckedIOException ignored) {
                // the client left; nothing to finish
            }
        }
    }

    /** Writing to the client failed: it disconnected. The request ends quietly and the upstream is released. */
    public static final class ClientGone extends RuntimeException {
        static final String MESSAGE = "the client disconnected";

        ClientGone(Throwable cause) {
            super(MESSAGE, cause, false, false);
        }
    }
}
