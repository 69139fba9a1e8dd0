package dev.nexus.front;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.RandomIds;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.openai.ChatCompletionsRequests;
import dev.nexus.dialect.openai.ChatCompletionsResponses;
import dev.nexus.dialect.openai.ChatCompletionsStreamWriter;
import dev.nexus.dialect.openai.OpenAiErrors;
import dev.nexus.gateway.Gateway;
import dev.nexus.gateway.Protocol;
import dev.nexus.gateway.RequestContext;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import dev.nexus.server.SseOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.Map;

/** {@code POST /v1/chat/completions}: OpenAI Chat Completions in, canonical through the gateway, OpenAI out. */
public final class OpenAiChatFront implements Routes {
    static final String ROUTE_HEADER = "X-Nexus-Route";

    private final Gateway gateway;
    private final JsonBodies bodies;
    private final Replies replies;
    private final Clock clock;

    public OpenAiChatFront(Gateway gateway, JsonBodies bodies, Replies replies, Clock clock) {
        this.gateway = gateway;
        this.bodies = bodies;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/chat/completions", this::complete);
    }

    private void complete(ServerRequest req, ServerResponse res) {
        ChatRequest chat = ChatCompletionsRequests.decode(bodies.readObject(req));
        RequestContext ctx = Observed.context(req, Protocol.OPENAI);
        String id = "chatcmpl-" + RandomIds.hex();
        long created = clock.instant().getEpochSecond();
        if (chat.stream()) {
            stream(chat, ctx, req, res, id, created);
        } else {
            ChatResponse.Collector collector = new ChatResponse.Collector();
            gateway.handle(chat, ctx, Observed.events(req, collector));
            ChatResponse answer = collector.response();
            res.header(ROUTE_HEADER, ctx.trace().render());
            if (answer.failure().isPresent()) {
                error(req, res, answer.failure().get());
            } else {
                replies.json(req, res, 200, ChatCompletionsResponses.encode(answer, chat.model(), created));
            }
        }
    }

    private void stream(ChatRequest chat, RequestContext ctx, ServerRequest req, ServerResponse res, String id, long created) {
        try (SseOutput sse = new SseOutput(req, res, () -> Map.of(ROUTE_HEADER, ctx.trace().render()))) {
            ChatCompletionsStreamWriter writer = new ChatCompletionsStreamWriter(sse, id, chat.model(), created, chat.includeUsageInStream());
            gateway.handle(chat, ctx, Observed.events(req, event -> {
                // Nothing sent yet: a failure can still be a proper HTTP error instead of an SSE error chunk.
                if (!sse.started() && event instanceof ChatEvent.Failure failure) {
                    res.header(ROUTE_HEADER, ctx.trace().render());
                    error(req, res, failure.error());
                } else {
                    writer.accept(event);
                }
            }));
        }
    }

    private void error(ServerRequest req, ServerResponse res, UpstreamError error) {
        error.retryAfterHeader().ifPresent(seconds -> res.header(HeaderNames.RETRY_AFTER, seconds));
        JsonNode body = OpenAiErrors.fromUpstream(error);
        replies.json(req, res, error.status(), body);
    }
}
