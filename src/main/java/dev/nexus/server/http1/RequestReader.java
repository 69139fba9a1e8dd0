package dev.nexus.server.http1;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.DirectHandler;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Helidon's request reader with three corrections. Where an answer ended the exchange with {@code Connection: close},
 * it ends the connection instead of reading a next request line (even one already received). In Helidon 4.5.0 {@code readLine()} serves only the chunked body
 * decoder (a chunk-size line, and after the last chunk the line that must end the body), so here it reads chunk-size
 * lines as RFC 9112 section 7.1 writes them: a bounded line, extensions dropped, trailer fields skipped, anything else a
 * 400. And {@code readBytes} is how Helidon takes a request line: one that ends in {@code HTTP/1.0} is handed on as 1.1
 * and the exchange marked 1.0, so the writer answers in 1.0.
 */
final class RequestReader extends DataReader {
    /** A chunk size with extensions; servers commonly allow a few KiB. */
    static final int MAX_CHUNK_LINE = 4096;
    /** As Helidon's default limit for a request's headers. */
    static final int MAX_TRAILERS = 16 * 1024;
    private static final byte[] HTTP_1_0 = "HTTP/1.0".getBytes(StandardCharsets.US_ASCII);
    /** The most of an unread body dropped before the connection closes regardless. */
    static final long MAX_LINGER_BYTES = 64L * 1024 * 1024;

    private final Progress progress;
    /** The previous line was the last chunk's: the next read is the trailer section. */
    private boolean trailersNext;

    @SuppressWarnings("removal") // subclassing needs a constructor; DataReader's are deprecated in favour of factories
    RequestReader(Supplier<byte[]> input, Progress progress) {
        super(input, false);
        this.progress = progress;
    }

    /** The next chunk size as plain hexadecimal, or, after the last chunk, an empty line once the trailers are skipped. */
    @Override
    public String readLine() {
        if (trailersNext) {
            trailersNext = false;
            skipTrailers();
            return "";
        }
        int size = chunkSize(line());
        trailersNext = size == 0;
        return Integer.toHexString(size);
    }

    /**
     * Helidon looks for the end of a request line here first; one after the connection's last answer is not read. What
     * the client still sends of that exchange's body is dropped first, so the close does not reset the connection.
     */
    @Override
    public int findNewLine(int max) {
        if (progress.closeAfterExchange() && progress.readingRequestLine()) {
            if (progress.lingersBeforeClose()) {
                dropUntilTheClientStops();
            }
            throw new CloseConnectionException("the previous answer ended the connection");
        }
        return super.findNewLine(max);
    }

    /** Reads and drops bytes until the client closes, pauses (the watchdog then closes the socket) or sends too much. */
    private void dropUntilTheClientStops() {
        progress.linger();
        long dropped = 0;
        try {
            while (dropped < MAX_LINGER_BYTES) {
                if (available() == 0) {
                    pullData();
                }
                int n = available();
                skip(n);
                dropped += n;
            }
        } catch (RuntimeException e) {
            // The client closed, the watchdog ended the wait, or the socket failed: the connection closes either way.
        }
    }

    @Override
    public byte[] readBytes(int len) {
        byte[] bytes = super.readBytes(len);
        if (len >= HTTP_1_0.length && bytes[len - 1] == '0'
                && Arrays.equals(bytes, len - HTTP_1_0.length, len, HTTP_1_0, 0, HTTP_1_0.length)
                && progress.readingRequestLine()) {
            bytes[len - 1] = '1';
            progress.http10();
        }
        return bytes;
    }

    /** A chunk size: hexadecimal digits, optionally followed by whitespace and {@code ;} extensions, which are dropped. */
    static int chunkSize(String line) {
        int digits = 0;
        while (digits < line.length() && Character.digit(line.charAt(digits), 16) >= 0) {
            digits++;
        }
        int rest = digits;
        while (rest < line.length() && (line.charAt(rest) == ' ' || line.charAt(rest) == '\t')) {
            rest++;
        }
        if (digits == 0 || (rest < line.length() && line.charAt(rest) != ';') || (rest == line.length() && rest != digits)) {
            throw bad("chunk size line '" + printable(line) + "' is not a hexadecimal size (optionally followed by ;extensions)");
        }
        long size = 0;
        for (int i = 0; i < digits; i++) {
            size = size * 16 + Character.digit(line.charAt(i), 16);
            if (size > Integer.MAX_VALUE) {
                throw bad("chunk size " + line.substring(0, digits) + " is larger than 2 GiB");
            }
        }
        return (int) size;
    }

    private String line() {
        int eol;
        try {
            eol = findNewLine(MAX_CHUNK_LINE);
        } catch (IncorrectNewLineException e) {
            throw bad("a chunk size line does not end with CRLF");
        }
        if (eol == MAX_CHUNK_LINE) {
            throw bad("a chunk size line is longer than " + MAX_CHUNK_LINE + " bytes");
        }
        String line = readAsciiString(eol);
        skip(2);
        return line;
    }

    /** Trailer fields may be discarded (RFC 9112 section 7.1.2); their section is bounded like headers. */
    private void skipTrailers() {
        int left = MAX_TRAILERS;
        while (!startsWithNewLine()) {
            int eol;
            try {
                eol = findNewLine(left);
            } catch (IncorrectNewLineException e) {
                throw bad("a trailer field after the last chunk does not end with CRLF");
            }
            if (eol >= left - 2) {
                throw bad("the trailer fields after the last chunk are longer than " + MAX_TRAILERS + " bytes");
            }
            skip(eol + 2);
            left -= eol + 2;
        }
        skip(2);
    }

    private static String printable(String line) {
        String shown = line.length() > 40 ? line.substring(0, 40) + "..." : line;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static RequestException bad(String problem) {
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .message("broken chunked encoding: " + problem)
                .setKeepAlive(false)
                .build();
    }
}
