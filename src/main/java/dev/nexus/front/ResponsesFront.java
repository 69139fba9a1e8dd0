package dev.nexus.front;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatEvent;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.RandomIds;
import dev.nexus.chat.UpstreamError;
import dev.nexus.clientkey.ClientKey;
import dev.nexus.conversation.StoredResponse;
import dev.nexus.conversation.StoredResponseRepository;
import dev.nexus.dialect.openai.OpenAiErrors;
import dev.nexus.dialect.openai.ResponsesRequests;
import dev.nexus.dialect.openai.ResponsesResponses;
import dev.nexus.dialect.openai.ResponsesStreamWriter;
import dev.nexus.gateway.Gateway;
import dev.nexus.gateway.Protocol;
import dev.nexus.gateway.RequestContext;
import dev.nexus.gateway.RequestLimits;
import dev.nexus.server.HttpError;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import dev.nexus.server.SseOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/responses}: OpenAI's Responses API over the canonical model. Answers are stored unless the client sends
 * {@code "store": false}, so that {@code previous_response_id} can rebuild the earlier turns for the next upstream
 * request; {@code GET} and {@code DELETE /v1/responses/{id}} read and remove them. A stored answer belongs to the client
 * key that created it: for any other key it does not exist (the same 404 as an unknown id).
 */
public final class ResponsesFront implements Routes {
    /** Answered when {@code previous_response_id} was honoured (the Go original's header, now backed by storage). */
    static final String COMPAT_HEADER = "X-Nexus-Responses-Compat";
    /** Longest chain of previous responses followed, against cycles and runaway histories. */
    private static final int MAX_CHAIN = 500;

    private final Gateway gateway;
    private final StoredResponseRepository stored;
    private final RequestLimits limits;
    private final JsonBodies bodies;
    private final Replies replies;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration ttl;

    public ResponsesFront(Gateway gateway, StoredResponseRepository stored, RequestLimits limits, JsonBodies bodies,
            Replies replies, ObjectMapper json, Clock clock, Duration ttl) {
        this.gateway = gateway;
        this.stored = stored;
        this.limits = limits;
        this.bodies = bodies;
        this.replies = replies;
        this.json = json;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/responses", this::create);
        routing.get("/v1/responses/{id}", (req, res) -> {
            StoredResponse found = find(req.path().pathParameters().get("id"), owner(req));
            replies.json(req, res, 200, read(found.response()));
        });
        routing.delete("/v1/responses/{id}", (req, res) -> {
            String id = req.path().pathParameters().get("id");
            String owner = owner(req);
            find(id, owner); // an expired answer not yet purged is gone too
            stored.delete(id, owner);
            replies.json(req, res, 200, Map.of("id", id, "object", "response.deleted", "deleted", true));
        });
    }

    private void create(ServerRequest req, ServerResponse res) {
        ObjectNode body = (ObjectNode) bodies.readObject(req);
        String owner = owner(req);
        ArrayNode ownInput = inputItems(body.get("input"));
        Optional<String> previous = Optional.ofNullable(body.get("previous_response_id"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(s -> !s.isBlank());
        limits.checkInputItems(ownInput.size());
        ObjectNode full = body.deepCopy();
        ArrayNode history = json.createArrayNode();
        previous.ifPresent(id -> history.addAll(chain(id, owner, ownInput.size())));
        history.addAll(ownInput);
        full.set("input", history);
        ChatRequest chat = withStoredSignatures(ResponsesRequests.decode(full), history);
        if (previous.isPresent()) {
            res.header(COMPAT_HEADER, "stored");
        }
        RequestContext ctx = Observed.context(req, Protocol.OPENAI);
        for (JsonNode item : history) {
            if (item.path("type").asText("").equals("reasoning") && item.hasNonNull("encrypted_content")) {
                // OpenAI's encrypted reasoning means nothing to other upstreams and must not leave for them.
                ctx.trace().note("reasoning encrypted_content dropped (OpenAI-only)");
            }
        }
        String id = "resp_" + RandomIds.hex();
        long created = clock.instant().getEpochSecond();
        boolean store = !body.path("store").isBoolean() || body.path("store").asBoolean();
        ChatResponse.Collector collector = new ChatResponse.Collector();
        boolean searching = chat.offersWebSearch();
        if (chat.stream()) {
            try (SseOutput sse = new SseOutput(req, res, () -> Map.of(OpenAiChatFront.ROUTE_HEADER, ctx.trace().render()))) {
                ResponsesStreamWriter writer = new ResponsesStreamWriter(sse, id, chat.model(), created, searching);
                gateway.handle(chat, ctx, Observed.events(req, event -> {
                    collector.accept(event);
                    if (!writer.started() && event instanceof ChatEvent.Failure failure) {
                        res.header(OpenAiChatFront.ROUTE_HEADER, ctx.trace().render());
                        error(req, res, failure.error());
                    } else {
                        writer.accept(event);
                    }
                }));
            }
        } else {
            gateway.handle(chat, ctx, Observed.events(req, collector));
            res.header(OpenAiChatFront.ROUTE_HEADER, ctx.trace().render());
        }
        ChatResponse answer = collector.response();
        ObjectNode response = ResponsesResponses.encode(answer, id, chat.model(), created, searching);
        if (store && answer.failure().isEmpty()) {
            Instant now = clock.instant();
            stored.save(new StoredResponse(id, owner, previous, chat.model(), now, now.plus(ttl), write(ownInput),
                    write(withSignatures(ResponsesResponses.outputItems(answer, id, searching), answer)), write(response)));
        }
        if (!chat.stream()) {
            if (answer.failure().isPresent()) {
                error(req, res, answer.failure().get());
            } else {
                replies.json(req, res, 200, response);
            }
        }
    }

    /** Field under which a stored function_call item keeps the upstream's signature; never sent to clients. */
    private static final String SIGNATURE_FIELD = "nexus_signature";

    /**
     * Stored function_call items keep the reasoning signature the upstream attached, so a chain rebuilt from storage
     * (even after a restart) replays it; the Responses wire format has no slot for it.
     */
    private ArrayNode withSignatures(ArrayNode items, ChatResponse answer) {
        Map<String, dev.nexus.chat.Signature> byCall = new HashMap<>();
        answer.content().forEach(p -> {
            if (p instanceof dev.nexus.chat.Part.ToolCall call && call.signature().isPresent()) {
                byCall.put(call.id(), call.signature().get());
            }
        });
        for (JsonNode item : items) {
            dev.nexus.chat.Signature signature = byCall.get(item.path("call_id").asText(""));
            if (signature != null && item instanceof ObjectNode object) {
                object.putObject(SIGNATURE_FIELD).put("origin", signature.origin()).put("value", signature.value());
            }
        }
        return items;
    }

    private static ChatRequest withStoredSignatures(ChatRequest chat, ArrayNode history) {
        Map<String, dev.nexus.chat.Signature> byCall = new HashMap<>();
        for (JsonNode item : history) {
            JsonNode signature = item.path(SIGNATURE_FIELD);
            if (signature.isObject()) {
                byCall.put(item.path("call_id").asText(""), new dev.nexus.chat.Signature(signature.path("value").asText(),
                        signature.path("origin").asText()));
            }
        }
        if (byCall.isEmpty()) {
            return chat;
        }
        java.util.List<dev.nexus.chat.Message> messages = new java.util.ArrayList<>();
        for (dev.nexus.chat.Message m : chat.messages()) {
            messages.add(new dev.nexus.chat.Message(m.role(), m.parts().stream().map(p -> p instanceof dev.nexus.chat.Part.ToolCall c
                    && c.signature().isEmpty() && byCall.containsKey(c.id())
                    ? new dev.nexus.chat.Part.ToolCall(c.id(), c.name(), c.arguments(), Optional.of(byCall.get(c.id())))
                    : p).toList()));
        }
        return chat.withMessages(messages);
    }

    /**
     * The input and output items of a stored chain of the client key {@code owner}, oldest first. Read newest first and
     * counted as they come, so a chain that would take the request past its input-item limit is refused before the rest
     * of it is read.
     *
     * @param ownItems the items the request itself brings
     */
    private ArrayNode chain(String lastId, String owner, int ownItems) {
        List<ArrayNode> newestFirst = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        int items = ownItems;
        int links = 0;
        Optional<String> next = Optional.of(lastId);
        while (next.isPresent() && links++ < MAX_CHAIN && seen.putIfAbsent(next.get(), true) == null) {
            StoredResponse found = find(next.get(), owner);
            ArrayNode output = (ArrayNode) read(found.outputItems());
            ArrayNode input = (ArrayNode) read(found.inputItems());
            items += output.size() + input.size();
            limits.checkInputItems(items);
            newestFirst.add(output);
            newestFirst.add(input);
            next = found.previousId();
        }
        ArrayNode chain = json.createArrayNode();
        for (ArrayNode part : newestFirst.reversed()) {
            chain.addAll(part);
        }
        return chain;
    }

    private StoredResponse find(String id, String owner) {
        return stored.find(id, owner, clock.instant()).orElseThrow(() -> notFound(id));
    }

    /** The same answer whether the id is unknown or another key's, so that a key learns nothing of other keys' ids. */
    private static HttpError notFound(String id) {
        return new HttpError(404, "no stored response with id '" + id + "' for this API key: it was never stored"
                + " (\"store\": false), was deleted, expired after NEXUS_RESPONSES_TTL, or was stored with another key",
                "invalid_request_error");
    }

    /** The id of the client key the request was admitted with ({@code env} for NEXUS_API_KEY): a stored answer's owner. */
    private static String owner(ServerRequest req) {
        return req.context().get(ClientKey.class).map(ClientKey::id)
                .orElseThrow(() -> new IllegalStateException("client-key auth did not run for " + req.path().path()));
    }

    /** {@code input} as items: a string is one user message. */
    private ArrayNode inputItems(JsonNode input) {
        ArrayNode items = json.createArrayNode();
        if (input == null || input.isNull()) {
            return items;
        }
        if (input.isTextual()) {
            ObjectNode message = items.addObject();
            message.put("type", "message");
            message.put("role", "user");
            message.put("content", input.asText());
            return items;
        }
        if (input.isArray()) {
            input.forEach(items::add);
            return items;
        }
        throw new HttpError(400, "input: expected a string or an array of items, got " + input.getNodeType(), "invalid_request_error");
    }

    private void error(ServerRequest req, ServerResponse res, UpstreamError error) {
        error.retryAfterHeader().ifPresent(seconds -> res.header(HeaderNames.RETRY_AFTER, seconds));
        replies.json(req, res, error.status(), OpenAiErrors.fromUpstream(error));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored response is not valid JSON", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }
}
