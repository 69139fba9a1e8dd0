package dev.nexus.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads Server-Sent Events from an upstream body, as clients do: only {@code data:} lines matter, consecutive
 * data lines join with a newline, a blank line ends an event, CRLF or LF both end lines, {@code event:} names
 * are kept, comments and other fields are ignored. Works on bytes: an event's data reaches the JSON parser as the
 * UTF-8 it arrived as, never decoded to a string and back (this runs once per streamed chunk). Not thread-safe; one
 * per response.
 */
public final class SseReader implements AutoCloseable {
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};

    /**
     * How much one read asks for. Helidon's client allocates (and zeroes) a buffer of the size asked for on every read,
     * and a streamed event is a few hundred bytes (a chunked body is read a chunk at a time), so a large buffer cost
     * kilobytes of garbage per event: 4 KiB made 26 KiB a five-chunk stream; longer lines just take more reads.
     */
    private static final int READ_SIZE = 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[READ_SIZE];
    private int position;
    private int limit;
    private boolean eof;
    /** The current line, without its terminator. */
    private byte[] line = new byte[512];
    private int lineLength;
    /** The current event's data so far. */
    private byte[] data = new byte[1024];
    private int dataLength;

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** One event: its name (may be null) and its data as UTF-8. */
    public record Event(String name, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The next event with data, or empty at the end of the stream. A final event without its blank line still counts. */
    public Optional<Event> next() throws IOException {
        boolean hasData = false;
        dataLength = 0;
        String name = null;
        while (true) {
            if (!readLine()) {
                return hasData ? Optional.of(event(name)) : Optional.empty();
            }
            if (lineLength == 0) {
                if (hasData) {
                    return Optional.of(event(name));
                }
                name = null;
                continue;
            }
            if (line[0] == ':') {
                continue;
            }
            int colon = indexOfColon();
            int fieldEnd = colon < 0 ? lineLength : colon;
            int valueStart = colon < 0 ? lineLength : colon + 1;
            if (valueStart < lineLength && line[valueStart] == ' ') {
                valueStart++;
            }
            if (isField(DATA, fieldEnd)) {
                if (hasData) {
                    appendData((byte) '\n');
                }
                appendData(line, valueStart, lineLength - valueStart);
                hasData = true;
            } else if (isField(EVENT, fieldEnd)) {
                name = new String(line, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
            }
        }
    }

    private Event event(String name) {
        return new Event(name, Arrays.copyOf(data, dataLength));
    }

    private int indexOfColon() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    private boolean isField(byte[] field, int length) {
        return length == field.length && Arrays.equals(line, 0, length, field, 0, length);
    }

    /** Reads a line (LF, CRLF or lone CR ends it) into {@link #line}; false at the end of the stream with nothing read. */
    private boolean readLine() throws IOException {
        lineLength = 0;
        boolean any = false;
        while (true) {
            if (position == limit && (eof || !fill())) {
                return any;
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position];
                if (b == '\n' || b == '\r') {
                    appendLine(start, position - start);
                    position++;
                    if (b == '\r') {
                        skipLineFeed();
                    }
                    return true;
                }
                position++;
            }
            appendLine(start, position - start);
            any = true;
        }
    }

    private void appendLine(int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, from, line, lineLength, length);
        lineLength += length;
    }

    private void appendData(byte b) {
        if (dataLength == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[dataLength++] = b;
    }

    private void appendData(byte[] from, int offset, int length) {
        if (dataLength + length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
        }
        System.arraycopy(from, offset, data, dataLength, length);
        dataLength += length;
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
