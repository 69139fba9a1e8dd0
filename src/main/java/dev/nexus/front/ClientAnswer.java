package dev.nexus.front;

import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.UpstreamError;
import dev.nexus.gateway.Gateway;
import dev.nexus.gateway.RequestContext;
import dev.nexus.server.Replies;
import dev.nexus.server.SseOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * How every front answers its client, whatever the dialect: streamed or collected as the request asks, the route taken
 * in {@value #ROUTE_HEADER}, and a failure as a plain HTTP error (with {@code Retry-After} when a wait is known) as long
 * as nothing of the answer has reached the client — after the first byte it can only be the stream's own error event,
 * which the dialect's writer produces.
 */
final class ClientAnswer {
    /** The route the gateway took (client model, target, credentials tried), for the client and the monitor. */
    static final String ROUTE_HEADER = "X-Nexus-Route";

    /**
     * How a dialect shows a failure as an HTTP error.
     *
     * @param status the status its clients should see (Anthropic's clients expect 529 for an overloaded upstream)
     * @param body the error envelope
     */
    record ErrorShape(ToIntFunction<UpstreamError> status, Function<UpstreamError, Object> body) {
        /** The failure's own status, with the dialect's envelope. */
        static ErrorShape of(Function<UpstreamError, Object> body) {
            return new ErrorShape(UpstreamError::status, body);
        }
    }

    /**
     * A dialect's stream over the open SSE output.
     *
     * @param started whether anything reached the client: from then on a failure is the writer's to report
     */
    record Stream(EventSink writer, BooleanSupplier started) {}

    private final Gateway gateway;
    private final Replies replies;

    ClientAnswer(Gateway gateway, Replies replies) {
        this.gateway = gateway;
        this.replies = replies;
    }

    /**
     * Streams the answer to a canonical chat request.
     *
     * @param also sees every event too (a front that stores the answer collects it here)
     */
    void stream(ChatRequest chat, RequestContext ctx, ServerRequest req, ServerResponse res, ErrorShape errors,
            Function<SseOutput, Stream> open, EventSink also) {
        stream(ctx, req, res, errors, open, also, events -> gateway.handle(chat, ctx, events));
    }

    /** One gateway call answering into the given events (a front may pass other sinks of its own alongside). */
    @FunctionalInterface
    interface Call {
        void run(EventSink events);
    }

    /** Streams the answer of {@code call}, as {@link #stream(ChatRequest, RequestContext, ServerRequest, ServerResponse, ErrorShape, Function, EventSink)}. */
    void stream(RequestContext ctx, ServerRequest req, ServerResponse res, ErrorShape errors,
            Function<SseOutput, Stream> open, EventSink also, Call call) {
        try (SseOutput sse = new SseOutput(req, res, () -> Map.of(ROUTE_HEADER, ctx.trace().render()))) {
            Stream stream = open.apply(sse);
            call.run(Observed.events(req, event -> {
                also.accept(event);
                if (!stream.started().getAsBoolean() && event instanceof ChatEvent.Failure failure) {
                    fail(req, res, ctx, errors, failure.error());
                } else {
                    stream.writer().accept(event);
                }
            }));
        }
    }

    /** The whole answer to a canonical chat request, gathered before anything is sent; the route header is set. */
    ChatResponse collect(ChatRequest chat, RequestContext ctx, ServerRequest req, ServerResponse res) {
        return collect(ctx, req, res, events -> gateway.handle(chat, ctx, events));
    }

    /** The whole answer of {@code call}, as {@link #collect(ChatRequest, RequestContext, ServerRequest, ServerResponse)}. */
    ChatResponse collect(RequestContext ctx, ServerRequest req, ServerResponse res, Call call) {
        ChatResponse.Collector collector = new ChatResponse.Collector();
        call.run(Observed.events(req, collector));
        res.header(ROUTE_HEADER, ctx.trace().render());
        return collector.response();
    }

    /** Sends a collected answer: its failure as an HTTP error, else {@code body} with 200. */
    void reply(ServerRequest req, ServerResponse res, ErrorShape errors, ChatResponse answer, Supplier<Object> body) {
        if (answer.failure().isPresent()) {
            error(req, res, errors, answer.failure().get());
        } else {
            replies.json(req, res, 200, body.get());
        }
    }

    /** A failure before anything was sent: the route so far, then the error. */
    void fail(ServerRequest req, ServerResponse res, RequestContext ctx, ErrorShape errors, UpstreamError error) {
        res.header(ROUTE_HEADER, ctx.trace().render());
        error(req, res, errors, error);
    }

    /** The dialect's HTTP error, with {@code Retry-After} when a wait is known. */
    void error(ServerRequest req, ServerResponse res, ErrorShape errors, UpstreamError error) {
        error.retryAfterHeader().ifPresent(seconds -> res.header(HeaderNames.RETRY_AFTER, seconds));
        replies.json(req, res, errors.status().applyAsInt(error), errors.body().apply(error));
    }
}
