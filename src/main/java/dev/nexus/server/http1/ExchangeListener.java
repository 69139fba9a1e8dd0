package dev.nexus.server.http1;

import io.helidon.http.Headers;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Tells a connection's {@link Progress} what Helidon parsed and what it answers: a request line, a request's headers,
 * an answer's headers. Helidon calls it with the context it was given, a {@link ConnectionView}.
 */
final class ExchangeListener implements Http1ConnectionListener {
    /** For what is received. */
    static final ExchangeListener REQUESTS = new ExchangeListener(true);
    /** For what is sent. */
    static final ExchangeListener ANSWERS = new ExchangeListener(false);

    private final boolean requests;

    private ExchangeListener(boolean requests) {
        this.requests = requests;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        if (requests && ctx instanceof ConnectionView view) {
            view.progress().requestLineRead();
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        if (ctx instanceof ConnectionView view) {
            boolean close = headers.containsToken(HeaderValues.CONNECTION_CLOSE);
            if (requests) {
                // Read leniently: Helidon itself refuses a malformed Content-Length right after this.
                boolean body = headers.contains(HeaderNames.TRANSFER_ENCODING)
                        || headers.first(HeaderNames.CONTENT_LENGTH).filter(v -> !v.strip().equals("0")).isPresent();
                view.progress().headRead(close, body);
            } else if (close) {
                view.progress().answerSaysClose();
            }
        }
    }
}
