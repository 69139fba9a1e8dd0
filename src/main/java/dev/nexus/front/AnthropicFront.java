package dev.nexus.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.EventSink;
import dev.nexus.chat.RandomIds;
import dev.nexus.chat.UpstreamError;
import dev.nexus.dialect.anthropic.AnthropicErrors;
import dev.nexus.dialect.anthropic.AnthropicEvents;
import dev.nexus.dialect.anthropic.AnthropicRequests;
import dev.nexus.dialect.anthropic.AnthropicResponses;
import dev.nexus.dialect.anthropic.AnthropicStreamWriter;
import dev.nexus.gateway.Gateway;
import dev.nexus.gateway.Protocol;
import dev.nexus.gateway.RequestContext;
import dev.nexus.gateway.TokenCounter;
import dev.nexus.provider.AnthropicRelay;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import dev.nexus.server.SseOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Anthropic Messages surface: {@code /anthropic/v1/messages} and {@code /v1/messages} (so that
 * {@code ANTHROPIC_BASE_URL} may be the bare server URL), {@code count_tokens} at both places. Whether to stream is
 * the body's {@code stream}, never the {@code Accept} header (Claude Code sends {@code accept: application/json}
 * with {@code "stream": true}); {@code ?beta=true} and any {@code anthropic-version} are accepted. A request routed to
 * an Anthropic-format upstream is relayed as the client sent it (only {@code model} rewritten; the client's
 * {@code anthropic-version} and {@code anthropic-beta} go along) and its answer comes back as the upstream wrote it,
 * thinking signatures untouched; any other upstream answers through the canonical model.
 */
public final class AnthropicFront implements Routes {
    /** Anthropic's clients back off on 529 for an overloaded upstream, as they do with Anthropic itself. */
    private static final ClientAnswer.ErrorShape ERRORS = new ClientAnswer.ErrorShape(
            error -> error.kind() == UpstreamError.Kind.OVERLOADED ? 529 : error.status(), AnthropicErrors::fromUpstream);

    private final Gateway gateway;
    private final ClientAnswer answers;
    private final TokenCounter tokens;
    private final JsonBodies bodies;
    private final Replies replies;
    private final ObjectMapper json;

    public AnthropicFront(Gateway gateway, TokenCounter tokens, JsonBodies bodies, Replies replies, ObjectMapper json) {
        this.gateway = gateway;
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
        ObjectNode body = (ObjectNode) bodies.readObject(req);
        AnthropicRequests.Decoded decoded = AnthropicRequests.decodeWithNotes(body);
        ChatRequest chat = decoded.request();
        RequestContext ctx = Observed.context(req, Protocol.ANTHROPIC);
        // What decoding left out matters only when the answer goes through the canonical model, not when it is relayed.
        AtomicBoolean noted = new AtomicBoolean();
        Runnable notes = () -> {
            if (noted.compareAndSet(false, true)) {
                decoded.notes().forEach(ctx.trace()::note);
            }
        };
        Map<String, String> versions = versionHeaders(req);
        String id = "msg_" + RandomIds.hex();
        // What an Anthropic-format upstream answered as it is, watched only for the monitor's token counts.
        AnthropicEvents usage = new AnthropicEvents();
        EventSink observed = Observed.events(req, event -> {});
        if (chat.stream()) {
            AtomicReference<SseOutput> opened = new AtomicReference<>();
            answers.stream(ctx, req, res, ERRORS, sse -> {
                opened.set(sse);
                AnthropicStreamWriter writer = new AnthropicStreamWriter(sse, id, chat.model(), chat.offersWebSearch());
                EventSink out = event -> {
                    if (!(event instanceof ChatEvent.Failure) && !sse.started()) {
                        notes.run(); // before the first canonical event commits the route header
                    }
                    if (event instanceof ChatEvent.Failure failure && sse.started() && !writer.started()) {
                        // A relayed stream broke after its first bytes: its end is an error event, as Anthropic writes it.
                        sse.send("error", AnthropicErrors.fromUpstream(failure.error()));
                    } else {
                        writer.accept(event);
                    }
                };
                return new ClientAnswer.Stream(out, () -> writer.started() || sse.started());
            }, event -> {}, events -> gateway.message(chat, body, versions, ctx, events, new AnthropicRelay.Sink() {
                @Override
                public void event(String name, byte[] data) {
                    if (name.equals("message_start") || name.equals("message_delta")) {
                        usage.event(name, readTree(data), observed);
                    }
                    String text = new String(data, StandardCharsets.UTF_8);
                    if (text.indexOf('\n') < 0) {
                        opened.get().send(name, text);
                    } else {
                        // Data the upstream spread over several lines: one line again, or the SSE framing would break.
                        opened.get().send(name, readTree(data));
                    }
                }

                @Override
                public void message(byte[] message) {
                    throw new IllegalStateException("a streamed request got a message body");
                }
            }));
        } else {
            AtomicReference<JsonNode> relayed = new AtomicReference<>();
            ChatResponse collected = answers.collect(ctx, req, res, events -> {
                gateway.message(chat, body, versions, ctx, events, new AnthropicRelay.Sink() {
                    @Override
                    public void event(String name, byte[] data) {
                        throw new IllegalStateException("a request that did not stream got a stream event");
                    }

                    @Override
                    public void message(byte[] message) {
                        relayed.set(readTree(message));
                    }
                });
                if (relayed.get() == null) {
                    notes.run();
                }
            });
            if (relayed.get() != null && collected.failure().isEmpty()) {
                AnthropicEvents.fromResponse(relayed.get(), observed);
                replies.json(req, res, 200, relayed.get());
                return;
            }
            answers.reply(req, res, ERRORS, collected,
                    () -> AnthropicResponses.encode(collected, id, chat.model(), chat.offersWebSearch()));
        }
    }

    /** The client's {@code anthropic-version} and {@code anthropic-beta} (several headers joined), for a relay. */
    private static Map<String, String> versionHeaders(ServerRequest req) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("anthropic-version", "anthropic-beta")) {
            List<String> values = req.headers().values(HeaderNames.create(name)).stream().map(String::trim)
                    .filter(v -> !v.isEmpty()).toList();
            if (!values.isEmpty()) {
                headers.put(name, String.join(",", values));
            }
        }
        return headers;
    }

    private JsonNode readTree(byte[] data) {
        try {
            JsonNode node = json.readTree(data);
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            return json.createObjectNode();
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
