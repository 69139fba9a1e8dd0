package dev.nexus.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Plays a successful scripted reply onto the exchange, including its pauses, holds and deliberate breaks. */
final class ReplyPlayer {
    private final OpenStreams openStreams;

    ReplyPlayer(OpenStreams openStreams) {
        this.openStreams = openStreams;
    }

    void unary(HttpExchange exchange, Reply reply, ReplyRenderer renderer, String model, Instant now) throws IOException {
        if (reply.shape.disconnectAfter() >= 0) {
            throw Exchanges.drop();
        }
        if (reply.shape.holdAfter() >= 0) {
            // A unary answer has no events to hold between: it waits before its headers (a slow model thinking).
            openStreams.enter();
            try {
                hold(reply.shape.release());
            } finally {
                openStreams.exit();
            }
        }
        pause(reply.shape.chunkDelay());
        if (reply.streamError != null) {
            Exchanges.error(exchange, reply.streamError.withoutArrayWrap(), model, now);
        } else {
            Exchanges.json(exchange, 200, renderer.unary());
        }
    }

    /** Streams as SSE with {@code alt=sse} (or {@code $alt=sse}), otherwise as one JSON array. */
    void stream(HttpExchange exchange, RecordedRequest request, Reply reply, ReplyRenderer renderer) throws IOException {
        boolean sse = "sse".equals(request.queryParam("alt")) || "sse".equals(request.queryParam("$alt"));
        List<String> events = renderer.events();
        Reply.StreamShape shape = reply.shape;
        openStreams.enter();
        try {
            // Closed only on a clean end: closing writes the terminating chunk, which a drop must not send.
            OutputStream out = exchange.getResponseBody();
            StreamWriter writer = sse ? new SseWriter(out, shape.crlf()) : new JsonArrayWriter(out);
            exchange.getResponseHeaders().set("Content-Type", writer.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            for (int i = 0; i < events.size(); i++) {
                if (i == shape.holdAfter()) {
                    hold(shape.release());
                }
                if (i > 0) {
                    pause(shape.chunkDelay());
                }
                if (i == shape.disconnectAfter()) {
                    if (shape.midEvent()) {
                        writer.partialEvent(events.get(i));
                    }
                    throw Exchanges.drop();
                }
                writer.event(events.get(i));
            }
            if (shape.disconnectAfter() >= events.size()) {
                throw Exchanges.drop();
            }
            writer.finish();
            out.close();
        } finally {
            openStreams.exit();
        }
    }

    private static void hold(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Exchanges.drop();
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Exchanges.drop();
        }
    }
}
