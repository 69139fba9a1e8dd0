package dev.nexus.server;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the limit with 413 in the path's dialect: up front when Content-Length says so,
 * and while reading for chunked bodies that grow past it.
 */
final class BodyLimit implements Filter {
    private final long maxBytes;
    private final Replies replies;

    BodyLimit(long maxBytes, Replies replies) {
        this.maxBytes = maxBytes;
        this.replies = replies;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(BodyLimit::parse).orElse(-1L);
        if (declared > maxBytes) {
            // Not read, so the connection cannot carry another request: it closes after the answer.
            replies.error(req, res, tooLarge(maxBytes));
            return;
        }
        req.streamFilter(in -> new Capped(in, maxBytes));
        chain.proceed();
    }

    /** The answer to a body over the limit; the rest of it is not read, so the connection closes. */
    static HttpError tooLarge(long maxBytes) {
        return new HttpError(413, "request body is larger than the limit of " + maxBytes
                + " bytes (raise NEXUS_MAX_BODY_BYTES on the server, or send a smaller request)", "request_too_large")
                .closingConnection();
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Raised while reading a body that exceeds the limit; {@link RequestBody} answers 413. */
    static final class TooLarge extends IOException {
        private final long max;

        TooLarge(long max) {
            super("request body exceeds " + max + " bytes");
            this.max = max;
        }

        long max() {
            return max;
        }
    }

    private static final class Capped extends FilterInputStream {
        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge(max);
            }
        }
    }
}
