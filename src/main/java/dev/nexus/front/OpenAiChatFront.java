package dev.nexus.front;

import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.RandomIds;
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
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;

/** {@code POST /v1/chat/completions}: OpenAI Chat Completions in, canonical through the gateway, OpenAI out. */
public final class OpenAiChatFront implements Routes {
    private static final ClientAnswer.ErrorShape ERRORS = ClientAnswer.ErrorShape.of(OpenAiErrors::fromUpstream);

    private final ClientAnswer answers;
    private final JsonBodies bodies;
    private final Clock clock;

    public OpenAiChatFront(Gateway gateway, JsonBodies bodies, Replies replies, Clock clock) {
        this.answers = new ClientAnswer(gateway, replies);
        this.bodies = bodies;
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
            answers.stream(chat, ctx, req, res, ERRORS, sse -> new ClientAnswer.Stream(
                    new ChatCompletionsStreamWriter(sse, id, chat.model(), created, chat.includeUsageInStream()), sse::started),
                    event -> {});
        } else {
            ChatResponse collected = answers.collect(chat, ctx, req, res);
            answers.reply(req, res, ERRORS, collected, () -> ChatCompletionsResponses.encode(collected, chat.model(), created));
        }
    }
}
