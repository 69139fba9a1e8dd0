package dev.nexus.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads Server-Sent Events from an upstream body, as clients do: only {@code data:} lines matter, consecutive
 * data lines join with a newline, a blank line ends an event, CRLF or LF both end lines, {@code event:} names
 * are kept, comments and other fields are ignored. Not thread-safe; one per response.
 */
public final class SseReader implements AutoCloseable {
    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private boolean eof;

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** One event: its name (may be null) and its data. */
    public record Event(String name, String data) {}

    /** The next event with data, or empty at the end of the stream. A final event without its blank line still counts. */
    public Optional<Event> next() throws IOException {
        StringBuilder data = null;
        String name = null;
        while (true) {
            String line = readLine();
            if (line == null) {
                return data == null ? Optional.empty() : Optional.of(new Event(name, data.toString()));
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Event(name, data.toString()));
                }
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            } else if (field.equals("event")) {
                name = value;
            }
        }
    }

    /** A line without its terminator (LF, CRLF or lone CR), or null at the end of the stream. */
    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = null;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    return line == null ? null : line.toString(StandardCharsets.UTF_8);
                }
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position];
                if (b == '\n' || b == '\r') {
                    if (line == null) {
                        line = new java.io.ByteArrayOutputStream(position - start);
                    }
                    line.write(buffer, start, position - start);
                    position++;
                    if (b == '\r') {
                        skipLineFeed();
                    }
                    return line.toString(StandardCharsets.UTF_8);
                }
                position++;
            }
            if (line == null) {
                line = new java.io.ByteArrayOutputStream(Math.max(64, position - start));
            }
            line.write(buffer, start, position - start);
        }
    }

    private void skipLineFeed() throws IOException {
        if (position == limit && !eof) {
            fill();
        }
        if (position < limit && buffer[position] == '\n') {
            position++;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
