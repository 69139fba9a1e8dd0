package dev.nexus.provider;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An upstream answer whose body has not been read yet: the status and end-to-end headers arrived, the body streams
 * as the upstream writes it. Whoever holds it must read it to the end or close it.
 *
 * @param headers end-to-end headers by lower-cased name (hop-by-hop headers and {@code Content-Length} removed)
 */
public record RelayResponse(int status, Map<String, List<String>> headers, InputStream body) implements Closeable {
    /** The most of an error body that is read: enough for any google.rpc.Status, not a runaway stream. */
    static final int ERROR_BODY_LIMIT = 64 * 1024;

    public RelayResponse {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The whole body, read to its end (which keeps the upstream connection for reuse) and closed. */
    public byte[] readAll() throws IOException {
        try (InputStream in = body) {
            return in.readAllBytes();
        }
    }

    /** Reads a (small) error body as text, at most 64 KiB of it, and closes the response. */
    public String errorBody() throws IOException {
        try (InputStream in = body) {
            return new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
