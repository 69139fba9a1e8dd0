package dev.nexus.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1 client on a bare socket, for what a real client hides: exact bytes on the wire (chunk extensions, HTTP/1.0,
 * broken framing), answers read strictly by their framing, and whether the server closed the connection.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        socket.setSoTimeout(30_000);
    }

    /** A connection to the server at {@code baseUrl} (http://host:port). */
    public static RawHttp connect(String baseUrl) {
        URI uri = URI.create(baseUrl);
        try {
            return new RawHttp(new Socket(uri.getHost(), uri.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the text as bytes (ISO-8859-1, so {@code \r\n} and every char below 256 go out as is). */
    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends what this side sends (the server sees the end of input); reading goes on. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one answer, its body framed as its head says: {@code Content-Length}, chunked (decoded, and the chunk syntax
     * checked), or else everything up to the end of the connection.
     */
    public Answer read() {
        try {
            String statusLine = line();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(header.substring(colon + 1).trim());
            }
            Answer head = new Answer(statusLine, headers, new byte[0]);
            byte[] body;
            if (head.header("transfer-encoding").equalsIgnoreCase("chunked")) {
                body = chunked();
            } else if (!head.header("content-length").isEmpty()) {
                body = in.readNBytes(Integer.parseInt(head.header("content-length")));
            } else {
                body = in.readAllBytes();
            }
            return new Answer(statusLine, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what arrives until the server closes the connection, as text. */
    public String readToEnd() {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the server closes the connection within the deadline without sending anything more. */
    public boolean closedByServer(Duration deadline) {
        try {
            socket.setSoTimeout((int) deadline.toMillis());
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: closed as well
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                if (!line().isEmpty()) {
                    throw new IllegalStateException("trailers after the last chunk: not expected from Nexus");
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            if (!line().isEmpty()) {
                throw new IllegalStateException("a chunk is longer than its size line says");
            }
        }
    }

    /** A line ended by CRLF, without it; a bare LF is an error. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended inside a line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                    throw new IOException("a line ends with LF alone");
                }
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }

    /** One answer: its status line, headers (names in lower case) and decoded body. */
    public record Answer(String statusLine, Map<String, List<String>> headers, byte[] body) {
        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The header's values joined by commas, or "" when it is absent. */
        public String header(String name) {
            return String.join(", ", headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
