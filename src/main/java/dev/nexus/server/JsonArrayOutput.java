package dev.nexus.server;

import dev.nexus.monitor.Observation;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A streamed JSON array, as Google answers {@code streamGenerateContent} without {@code alt=sse}:
 * {@code [{…}\r\n,{…}\r\n,{…}]}, each element flushed as it is written. Like {@link SseOutput}, headers are
 * committed with the first element, so a handler can still answer with a plain HTTP error until then. What is written
 * is shown to the request monitor.
 */
public final class JsonArrayOutput implements AutoCloseable {
    private final ServerResponse res;
    private final Supplier<Map<String, String>> lateHeaders;
    private final Observation observation;
    private OutputStream out;

    public JsonArrayOutput(ServerRequest req, ServerResponse res, Supplier<Map<String, String>> lateHeaders) {
        this.res = res;
        this.lateHeaders = lateHeaders;
        this.observation = Observations.of(req);
    }

    public boolean started() {
        return out != null;
    }

    /** Writes one element (a JSON value's text). */
    public void element(String json) {
        try {
            String prefix;
            if (out == null) {
                res.status(200);
                res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                res.header(HeaderNames.CACHE_CONTROL, "no-cache");
                lateHeaders.get().forEach(res::header);
                out = res.outputStream();
                prefix = "[";
            } else {
                prefix = "\r\n,";
            }
            byte[] bytes = (prefix + json).getBytes(StandardCharsets.UTF_8);
            observation.firstByte();
            out.write(bytes);
            out.flush();
            observation.responseBytes(200, bytes);
        } catch (IOException | java.io.UncheckedIOException e) {
            observation.error(SseOutput.ClientGone.MESSAGE);
            throw new SseOutput.ClientGone(e);
        }
    }

    /** Closes the array (an empty one if nothing was written) and the response. */
    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try (OutputStream o = out) {
            o.write("]".getBytes(StandardCharsets.UTF_8));
            observation.responseBytes(200, "]".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // the client left; nothing to finish
        }
    }
}
