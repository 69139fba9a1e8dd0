package dev.nexus.front;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.nexus.conversation.StoredResponse;
import dev.nexus.conversation.StoredResponseRepository;
import dev.nexus.gateway.RequestLimits;
import dev.nexus.server.HttpError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored Responses answers and the chains {@code previous_response_id} builds from them. A stored answer belongs to
 * the client key that created it: for any other key it does not exist (the same 404 as an unknown id), so a key learns
 * nothing of other keys' ids.
 */
final class ResponseChains {
    /** Longest chain of previous responses followed, against cycles and runaway histories. */
    private static final int MAX_CHAIN = 500;

    private final StoredResponseRepository stored;
    private final RequestLimits limits;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration ttl;

    /** @param ttl how long an answer is kept ({@code NEXUS_RESPONSES_TTL}) */
    ResponseChains(StoredResponseRepository stored, RequestLimits limits, ObjectMapper json, Clock clock, Duration ttl) {
        this.stored = stored;
        this.limits = limits;
        this.json = json;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The input and output items of a stored chain of the client key {@code owner}, oldest first. Read newest first and
     * counted as they come, so a chain that would take the request past its input-item limit is refused before the rest
     * of it is read.
     *
     * @param ownItems the items the request itself brings
     */
    ArrayNode chain(String lastId, String owner, int ownItems) {
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

    /** Stores an answer for {@link #ttl}: the request's own items, the answer's items, and the response as sent. */
    void save(String id, String owner, Optional<String> previous, String model, ArrayNode inputItems, ArrayNode outputItems,
            JsonNode response) {
        Instant now = clock.instant();
        stored.save(new StoredResponse(id, owner, previous, model, now, now.plus(ttl), write(inputItems), write(outputItems),
                write(response)));
    }

    /** The response as it was sent, for {@code GET /v1/responses/{id}}. */
    JsonNode response(String id, String owner) {
        return read(find(id, owner).response());
    }

    /** Removes a stored answer; an expired one not yet purged is gone too. */
    void delete(String id, String owner) {
        find(id, owner);
        stored.delete(id, owner);
    }

    private StoredResponse find(String id, String owner) {
        return stored.find(id, owner, clock.instant()).orElseThrow(() -> notFound(id));
    }

    /** The same answer whether the id is unknown or another key's. */
    private static HttpError notFound(String id) {
        return new HttpError(404, "no stored response with id '" + id + "' for this API key: it was never stored"
                + " (\"store\": false), was deleted, expired after NEXUS_RESPONSES_TTL, or was stored with another key",
                "invalid_request_error");
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
