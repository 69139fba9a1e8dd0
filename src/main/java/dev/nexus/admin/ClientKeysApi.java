package dev.nexus.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.clientkey.ClientKey;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.clientkey.IssuedKey;
import dev.nexus.clientkey.KeyPolicy;
import dev.nexus.server.HttpError;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/keys}: the client API keys. The list shows id, name, display prefix and times, never a hash or a key;
 * {@code POST} creates a key and is the only answer that ever carries a full key ({@code "key"}, shown once, not
 * cached); {@code PATCH /api/keys/{id}} changes the name or policy fields it sends ({@link KeyPolicyJson}), {@code PUT}
 * sets the whole policy (fields left out mean no limit); {@code DELETE /api/keys/{id}} revokes one, and clients using it
 * are refused from then on.
 */
public final class ClientKeysApi implements Routes {
    /** Longest key name accepted; names are labels in lists, not documents. */
    static final int MAX_NAME_LENGTH = 64;

    private final ClientKeys keys;
    private final boolean environmentKey;
    private final JsonBodies bodies;
    private final Replies replies;

    private final Clock clock;

    /** @param environmentKey whether NEXUS_API_KEY is set (it is accepted but cannot be listed or revoked here) */
    public ClientKeysApi(ClientKeys keys, boolean environmentKey, JsonBodies bodies, Replies replies, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        this.environmentKey = environmentKey;
        this.bodies = bodies;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/keys", (req, res) -> replies.json(res, 200, list(keys.list())))
                .post("/api/keys", this::create)
                .patch("/api/keys/{id}", (req, res) -> update(req, res, false))
                .put("/api/keys/{id}", (req, res) -> update(req, res, true))
                .delete("/api/keys/{id}", this::revoke);
    }

    private ObjectNode list(List<ClientKey> all) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode array = root.putArray("keys");
        all.forEach(k -> array.add(view(k)));
        root.put("count", all.size());
        root.put("environment_key", environmentKey);
        return root;
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonNode request = bodies.readObject(req);
        IssuedKey issued = keys.issue(name(request), policy(request, KeyPolicy.UNLIMITED));
        ObjectNode body = view(issued.key());
        body.put("key", issued.fullKey());
        // The one answer with a full key: no cache may keep it.
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        replies.json(res, 201, body);
    }

    /** @param whole PUT: the policy is what the body says, fields left out are no limit; PATCH: left out is unchanged */
    private void update(ServerRequest req, ServerResponse res, boolean whole) {
        String id = req.path().pathParameters().get("id");
        refuseEnvironmentKey(id);
        JsonNode request = bodies.readObject(req);
        ClientKey current = keys.find(id).filter(k -> !k.revoked()).orElseThrow(() -> notFound(id));
        String name = request.has("name") ? name(request) : current.name();
        KeyPolicy policy = policy(request, whole ? KeyPolicy.UNLIMITED : current.policy());
        ClientKey updated = keys.update(id, name, policy).orElseThrow(() -> notFound(id));
        replies.json(res, 200, view(updated));
    }

    private KeyPolicy policy(JsonNode request, KeyPolicy base) {
        try {
            return KeyPolicyJson.read(request, base, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "invalid key policy: " + e.getMessage() + " (fields: models, rpm, tpm, concurrency,"
                    + " daily_tokens, monthly_tokens, expires_at, expires_in, enabled; see docs/keys.md)", "invalid_request");
        }
    }

    private static HttpError notFound(String id) {
        return new HttpError(404, "no active client key with id '" + id + "' (GET /api/keys lists them)", "key_not_found");
    }

    private static void refuseEnvironmentKey(String id) {
        if (id.equals(ClientKey.ENVIRONMENT_ID)) {
            throw new HttpError(409, "the key 'env' is NEXUS_API_KEY from the server's environment: it has no limits;"
                    + " create a key with: nexus keys create, to give a client limits", "environment_key");
        }
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (id.equals(ClientKey.ENVIRONMENT_ID)) {
            throw new HttpError(409, "the key 'env' is NEXUS_API_KEY from the server's environment: unset that variable "
                    + "and restart Nexus to stop accepting it", "environment_key");
        }
        if (!keys.revoke(id)) {
            throw notFound(id);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", "ok").put("revoked", id);
        replies.json(res, 200, body);
    }

    /** {@code {"name": "laptop"}}: required, trimmed, one line of at most {@value #MAX_NAME_LENGTH} characters. */
    static String name(JsonNode body) {
        JsonNode name = body.path("name");
        String value = name.isTextual() ? name.asText().strip() : "";
        if (value.isEmpty() || value.length() > MAX_NAME_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new HttpError(400, "send {\"name\": \"laptop\"}: a key needs a name of 1 to " + MAX_NAME_LENGTH
                    + " characters on one line, to tell it apart in lists and the monitor", "invalid_request");
        }
        return value;
    }

    /** One key for the API: what identifies it to the operator, never its hash or the key itself. */
    static ObjectNode view(ClientKey key) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", key.id());
        node.put("name", key.name());
        node.put("prefix", key.prefix());
        node.put("created_at", key.createdAt().toString());
        putTime(node, "last_used_at", key.lastUsedAt());
        putTime(node, "revoked_at", key.revokedAt());
        KeyPolicyJson.write(node, key.policy());
        return node;
    }

    private static void putTime(ObjectNode node, String field, Optional<Instant> time) {
        if (time.isPresent()) {
            node.put(field, time.get().toString());
        } else {
            node.putNull(field);
        }
    }
}
