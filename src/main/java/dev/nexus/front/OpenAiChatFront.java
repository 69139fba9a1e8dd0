package dev.nexus.front;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.RandomIds;
import dev.nexus.dialect.openai.ChatCompletionsEvents;
import dev.nexus.dialect.openai.ChatCompletionsRequests;
import dev.nexus.dialect.openai.ChatCompletionsResponses;
import dev.nexus.dialect.openai.ChatCompletionsStreamWriter;
import dev.nexus.dialect.openai.OpenAiErrors;
import dev.nexus.gateway.Gateway;
import dev.nexus.gateway.Protocol;
import dev.nexus.gateway.RequestContext;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.provider.ChatCompletionsRelay;
import dev.nexus.server.Routes;
import dev.nexus.server.SseOutput;
import java.util.concurrent.atomic.AtomicReference;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;

/**
 * {@code POST /v1/chat/completions}: OpenAI Chat Completions in, canonical through the gateway, OpenAI out; or, for a
 * provider whose upstream speaks Chat Completions itself, the client's body relayed with only its model changed and the
 * upstream's answer sent back as it is (the fast path: unknown fields survive both ways).
 */
public final class OpenAiChatFront implements Routes {
    private static final ClientAnswer.ErrorShape ERRORS = ClientAnswer.ErrorShape.of(OpenAiErrors::fromUpstream);

    /** Reads an upstream body only in the rare case above; a mapper keeps no state between reads. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Gateway gateway;
    private final Replies replies;
    private final ClientAnswer answers;
    private final JsonBodies bodies;
    private final Clock clock;

    public OpenAiChatFront(Gateway gateway, JsonBodies bodies, Replies replies, Clock clock) {
        this.gateway = gateway;
        this.replies = replies;
        this.answers = new ClientAnswer(gateway, replies);
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/chat/completions", this::complete);
    }

    private void complete(ServerRequest req, ServerResponse res) {
        ObjectNode body = (ObjectNode) bodies.readObject(req);
        ChatRequest chat = ChatCompletionsRequests.decode(body);
        RequestContext ctx = Observed.context(req, Protocol.OPENAI);
        String id = "chatcmpl-" + RandomIds.hex();
        long created = clock.instant().getEpochSecond();
        if (chat.stream()) {
            AtomicReference<SseOutput> opened = new AtomicReference<>();
            AtomicReference<ChatCompletionsStreamWriter> writer = new AtomicReference<>();
            answers.stream(ctx, req, res, ERRORS, sse -> {
                opened.set(sse);
                writer.set(new ChatCompletionsStreamWriter(sse, id, chat.model(), created, chat.includeUsageInStream()));
                return new ClientAnswer.Stream(writer.get(), sse::started);
            }, event -> {}, events -> gateway.complete(chat, body, ctx, events, Observed.chatAnswers(req, new ChatCompletionsRelay.Sink() {
                @Override
                public void event(byte[] data) {
                    opened.get().data(data);
                }

                /** An upstream that ignored stream:true: its one body is streamed to the client as chunks. */
                @Override
                public void body(byte[] answer) {
                    try {
                        ChatCompletionsEvents.fromResponse(JSON.readTree(answer), writer.get());
                    } catch (java.io.IOException e) {
                        writer.get().accept(new dev.nexus.chat.ChatEvent.Failure(dev.nexus.chat.UpstreamError.of(502,
                                dev.nexus.chat.UpstreamError.Kind.UPSTREAM, "the upstream's answer is not JSON: " + e.getMessage())));
                    }
                }
            })));
        } else {
            AtomicReference<byte[]> relayed = new AtomicReference<>();
            ChatResponse collected = answers.collect(ctx, req, res, events -> gateway.complete(chat, body, ctx, events,
                    Observed.chatAnswers(req, new ChatCompletionsRelay.Sink() {
                        @Override
                        public void event(byte[] data) {
                            throw new IllegalStateException("a request that did not stream was answered with a stream");
                        }

                        @Override
                        public void body(byte[] answer) {
                            relayed.set(answer);
                        }
                    })));
            if (relayed.get() != null && collected.failure().isEmpty()) {
                replies.rawJson(req, res, 200, relayed.get());
                return;
            }
            answers.reply(req, res, ERRORS, collected, () -> ChatCompletionsResponses.encode(collected, chat.model(), created));
        }
    }
}
