package dev.nexus.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.chat.ChatRequest;
import dev.nexus.chat.ChatResponse;
import dev.nexus.chat.RandomIds;
import dev.nexus.clientkey.ClientKey;
import dev.nexus.conversation.StoredResponseRepository;
import dev.nexus.dialect.openai.CodexPassThrough;
import dev.nexus.dialect.openai.OpenAiErrors;
import dev.nexus.dialect.openai.ResponsesCollector;
import dev.nexus.server.SseOutput;
import java.util.concurrent.atomic.AtomicReference;
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
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/responses}: OpenAI's Responses API, relayed as it is to an upstream that speaks it (the Codex backend:
 * parameters it refuses are removed and named in {@value #FILTERED_HEADER}), else over the canonical model. Answers are stored unless the client sends
 * {@code "store": false}, so that {@code previous_response_id} can rebuild the earlier turns for the next upstream
 * request; {@code GET} and {@code DELETE /v1/responses/{id}} read and remove them. A stored answer belongs to the client
 * key that created it: for any other key it does not exist (the same 404 as an unknown id).
 */
public final class ResponsesFront implements Routes {
    /** Answered when {@code previous_response_id} was honoured (the Go original's header, now backed by storage). */
    static final String COMPAT_HEADER = "X-Nexus-Responses-Compat";
    /** The parameters removed from a body relayed to the Codex backend, which refuses them (the Go original's header). */
    static final String FILTERED_HEADER = "X-Nexus-Codex-Filtered-Params";

    private static final ClientAnswer.ErrorShape ERRORS = ClientAnswer.ErrorShape.of(OpenAiErrors::fromUpstream);

    private final Gateway gateway;
    private final ClientAnswer answers;
    private final ResponseChains chains;
    private final RequestLimits limits;
    private final JsonBodies bodies;
    private final Replies replies;
    private final ObjectMapper json;
    private final Clock clock;

    public ResponsesFront(Gateway gateway, StoredResponseRepository stored, RequestLimits limits, JsonBodies bodies,
            Replies replies, ObjectMapper json, Clock clock, Duration ttl) {
        this.gateway = gateway;
        this.answers = new ClientAnswer(gateway, replies);
        this.chains = new ResponseChains(stored, limits, json, clock, ttl);
        this.limits = limits;
        this.bodies = bodies;
        this.replies = replies;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/responses", this::create);
        routing.get("/v1/responses/{id}", (req, res) -> {
            replies.json(req, res, 200, chains.response(req.path().pathParameters().get("id"), owner(req)));
        });
        routing.delete("/v1/responses/{id}", (req, res) -> {
            String id = req.path().pathParameters().get("id");
            chains.delete(id, owner(req));
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
        previous.ifPresent(id -> history.addAll(chains.chain(id, owner, ownInput.size())));
        history.addAll(ownInput);
        full.set("input", history);
        ChatRequest chat = ResponseSignatures.restore(ResponsesRequests.decode(full), history);
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
        boolean searching = chat.offersWebSearch();
        // For an upstream that speaks Responses itself: the client's body, its chain already expanded into input.
        ObjectNode relayBody = full.deepCopy();
        relayBody.remove("previous_response_id");
        Optional<String> filtered = CodexPassThrough.filteredHeader(relayBody);
        ResponsesCollector relayed = new ResponsesCollector(clock.instant());
        ChatResponse answer;
        if (chat.stream()) {
            ChatResponse.Collector collector = new ChatResponse.Collector();
            AtomicReference<SseOutput> opened = new AtomicReference<>();
            answers.stream(ctx, req, res, ERRORS, sse -> {
                opened.set(sse);
                ResponsesStreamWriter writer = new ResponsesStreamWriter(sse, id, chat.model(), created, searching);
                return new ClientAnswer.Stream(writer, () -> writer.started() || sse.started());
            }, collector, events -> gateway.respond(chat, relayBody, ctx, events, data -> {
                SseOutput sse = opened.get();
                if (!sse.started()) {
                    filtered.ifPresent(names -> res.header(FILTERED_HEADER, names));
                }
                relayed.event(data);
                sse.send(data.path("type").asText("message"), data);
            }));
            answer = collector.response();
        } else {
            answer = answers.collect(ctx, req, res, events -> gateway.respond(chat, relayBody, ctx, events, relayed::event));
        }
        if (relayed.response().isPresent() && answer.failure().isEmpty()) {
            passedThrough(req, res, relayed.response().get(), filtered, store, owner, previous, chat, ownInput);
            return;
        }
        ObjectNode response = ResponsesResponses.encode(answer, id, chat.model(), created, searching);
        if (store && answer.failure().isEmpty()) {
            chains.save(id, owner, previous, chat.model(), ownInput,
                    ResponseSignatures.attach(ResponsesResponses.outputItems(answer, id, searching), answer), response);
        }
        if (!chat.stream()) {
            answers.reply(req, res, ERRORS, answer, () -> response);
        }
    }

    /**
     * A Responses answer an upstream gave as it is (the Codex backend's): sent to a client that did not stream, stored
     * under its own id for {@code previous_response_id}.
     */
    private void passedThrough(ServerRequest req, ServerResponse res, ObjectNode response, Optional<String> filtered,
            boolean store, String owner, Optional<String> previous, ChatRequest chat, ArrayNode ownInput) {
        if (store) {
            ArrayNode output = response.get("output") instanceof ArrayNode items ? items : json.createArrayNode();
            chains.save(response.path("id").asText("resp_" + RandomIds.hex()), owner, previous, chat.model(), ownInput,
                    output, response);
        }
        if (!chat.stream()) {
            filtered.ifPresent(names -> res.header(FILTERED_HEADER, names));
            replies.json(req, res, 200, response);
        }
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
}
