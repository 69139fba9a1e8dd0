package dev.nexus.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.RandomIds;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.anthropic.AnthropicErrors;
import dev.nexus.dialect.anthropic.AnthropicRequests;
import dev.nexus.dialect.anthropic.AnthropicResponses;
import dev.nexus.dialect.anthropic.AnthropicStreamWriter;
import dev.nexus.gateway.Gateway;
import dev.nexus.gateway.Protocol;
import dev.nexus.gateway.RequestContext;
import dev.nexus.gateway.TokenCounter;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic Messages surface: {@code /anthropic/v1/messages} and {@code /v1/messages} (so that
 * {@code ANTHROPIC_BASE_URL} may be the bare server URL), {@code count_tokens} at both places. Whether to stream is
 * the body's {@code stream}, never the {@code Accept} header (Claude Code sends {@code accept: application/json}
 * with {@code "stream": true}); {@code ?beta=true} and any {@code anthropic-version} are accepted.
 */
public final class AnthropicFront implements Routes {
    /** Anthropic's clients back off on 529 for an overloaded upstream, as they do with Anthropic itself. */
    private static final ClientAnswer.ErrorShape ERRORS = new ClientAnswer.ErrorShape(
            error -> error.kind() == UpstreamError.Kind.OVERLOADED ? 529 : error.status(), AnthropicErrors::fromUpstream);

    private final ClientAnswer answers;
    private final TokenCounter tokens;
    private final JsonBodies bodies;
    private final Replies replies;
    private final ObjectMapper json;

    public AnthropicFront(Gateway gateway, TokenCounter tokens, JsonBodies bodies, Replies replies, ObjectMapper json) {
        this.answers = new ClientAnswer(gateway, replies);
        this.tokens = tokens;
        this.bodies = bodies;
        this.replies = replies;
        this.json = json;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        for (String base : List.of("/anthropic/v1", "/v1")) {
            routing.post(base + "/messages", this::messages);
            routing.post(base + "/messages/count_tokens", this::countTokens);
        }
    }

    private void messages(ServerRequest req, ServerResponse res) {
        AnthropicRequests.Decoded decoded = AnthropicRequests.decodeWithNotes(bodies.readObject(req));
        ChatRequest chat = decoded.request();
        RequestContext ctx = Observed.context(req, Protocol.ANTHROPIC);
        decoded.notes().forEach(ctx.trace()::note);
        String id = "msg_" + RandomIds.hex();
        if (chat.stream()) {
            answers.stream(chat, ctx, req, res, ERRORS, sse -> {
                AnthropicStreamWriter writer = new AnthropicStreamWriter(sse, id, chat.model(), chat.offersWebSearch());
                return new ClientAnswer.Stream(writer, writer::started);
            }, event -> {});
        } else {
            ChatResponse collected = answers.collect(chat, ctx, req, res);
            answers.reply(req, res, ERRORS, collected,
                    () -> AnthropicResponses.encode(collected, id, chat.model(), chat.offersWebSearch()));
        }
    }

    private void countTokens(ServerRequest req, ServerResponse res) {
        JsonNode body = bodies.readObject(req);
        ChatRequest chat = AnthropicRequests.decode(withDefaultMaxTokens(body));
        byte[] raw;
        try {
            raw = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("input_tokens", tokens.count(chat, raw));
        replies.json(req, res, 200, answer);
    }

    /** count_tokens bodies carry no {@code max_tokens}, which messages require; it does not affect the count. */
    private static JsonNode withDefaultMaxTokens(JsonNode body) {
        if (body.has("max_tokens")) {
            return body;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = body.deepCopy();
        copy.put("max_tokens", 1);
        return copy;
    }

}
