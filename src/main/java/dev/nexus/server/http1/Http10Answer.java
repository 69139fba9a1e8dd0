package dev.nexus.server.http1;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rewrites the HTTP/1.1 answer Helidon writes into the HTTP/1.0 answer a 1.0 client can read, as the bytes go out:
 * status line {@code HTTP/1.0}, interim (1xx) answers dropped, {@code Connection: close} instead of any connection
 * headers, and a chunked body sent as plain bytes without {@code Transfer-Encoding} (RFC 9112 section 6.1: never to a
 * 1.0 client), ended by closing the connection. Everything a write holds goes out with it; only an unfinished head or
 * chunk-size line waits for the next write. One instance per answer, used by the connection's thread.
 */
final class Http10Answer {
    private enum State { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, PLAIN }

    private static final int CRLF = 0x0d0a;
    private static final int BLANK_LINE = 0x0d0a0d0a;
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);

    private State state = State.HEAD;
    /** The head, chunk-size line or trailer line being collected. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** The last four bytes collected, to see a line end without looking back. */
    private int tail;
    private int chunkLeft;
    /** CR LF bytes still to drop after a chunk's data. */
    private int crlfLeft;

    /** The 1.0 form of the next bytes of the answer (possibly none yet). */
    byte[] rewrite(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 32);
        int i = 0;
        while (i < in.length) {
            switch (state) {
                case PLAIN -> {
                    out.write(in, i, in.length - i);
                    i = in.length;
                }
                case HEAD -> {
                    collect(in[i++]);
                    if (tail == BLANK_LINE) {
                        head(out);
                    }
                }
                case CHUNK_SIZE, TRAILERS -> {
                    collect(in[i++]);
                    if ((tail & 0xffff) == CRLF) {
                        line();
                    }
                }
                case CHUNK_DATA -> {
                    int n = Math.min(chunkLeft, in.length - i);
                    out.write(in, i, n);
                    i += n;
                    chunkLeft -= n;
                    if (chunkLeft == 0) {
                        crlfLeft = 2;
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    i++;
                    if (--crlfLeft == 0) {
                        state = State.CHUNK_SIZE;
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private void head(ByteArrayOutputStream out) {
        String[] lines = pending.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        pending.reset();
        tail = 0;
        String status = lines[0];
        if (status.startsWith("HTTP/1.1 1")) {
            return; // an interim answer: a 1.0 client must not get one (RFC 9110 section 15.2)
        }
        boolean chunked = false;
        StringBuilder head = new StringBuilder(status.length() + 256).append("HTTP/1.0").append(status, 8, status.length()).append("\r\n");
        for (int l = 1; l < lines.length; l++) {
            String name = lines[l].substring(0, Math.max(0, lines[l].indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "transfer-encoding" -> chunked = lines[l].toLowerCase(Locale.ROOT).contains("chunked");
                case "connection", "keep-alive" -> { }
                default -> head.append(lines[l]).append("\r\n");
            }
        }
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CLOSE);
        out.writeBytes(new byte[] {'\r', '\n'});
        state = chunked ? State.CHUNK_SIZE : State.PLAIN;
    }

    private void line() {
        String line = pending.toString(StandardCharsets.ISO_8859_1);
        pending.reset();
        tail = 0;
        if (state == State.TRAILERS) {
            if (line.equals("\r\n")) {
                state = State.PLAIN; // the body is complete; nothing should follow
            }
            return;
        }
        int end = line.indexOf(';');
        chunkLeft = Integer.parseInt((end < 0 ? line : line.substring(0, end)).trim(), 16);
        state = chunkLeft == 0 ? State.TRAILERS : State.CHUNK_DATA;
    }

    private void collect(byte b) {
        pending.write(b);
        tail = tail << 8 | (b & 0xff);
    }
}
