package dev.nexus.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountActionRefusedException;
import dev.nexus.account.AccountAdmin;
import dev.nexus.account.AccountDirectory;
import dev.nexus.account.CooldownTable;
import dev.nexus.account.NoSuchAccountException;
import dev.nexus.secret.Masks;
import dev.nexus.server.HttpError;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /api/accounts}: the accounts as the server currently sees them (emails masked, never tokens), the full
 * email of one on demand ({@code GET /api/accounts/{id}/email}, for the dashboard's reveal), and the operator's
 * changes: promote to primary, enable/disable, remove. An unknown id is a 404 naming it.
 */
public final class AccountsApi implements Routes {
    private final AccountDirectory directory;
    private final CooldownTable cooldowns;
    private final AccountAdmin admin;
    private final JsonBodies bodies;
    private final Replies replies;

    public AccountsApi(AccountDirectory directory, CooldownTable cooldowns, AccountAdmin admin, JsonBodies bodies, Replies replies) {
        this.cooldowns = cooldowns;
        this.directory = directory;
        this.admin = admin;
        this.bodies = bodies;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/accounts", (req, res) -> replies.json(res, 200, list(directory.all())))
                .get("/api/accounts/cooldowns", (req, res) -> replies.json(res, 200, cooling(directory.all())))
                .get("/api/accounts/{id}/email", (req, res) -> {
                    Account account = found(() -> admin.find(id(req)));
                    ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", account.id()).put("email", account.email());
                    replies.json(res, 200, body);
                })
                .post("/api/accounts/{id}/promote", (req, res) ->
                        replies.json(res, 200, ok(changed(() -> admin.promote(id(req))))))
                .post("/api/accounts/{id}/active", (req, res) -> {
                    boolean active = isActive(bodies.readObject(req));
                    ObjectNode body = ok(changed(() -> admin.setEnabled(id(req), active)));
                    body.put("is_active", active);
                    replies.json(res, 200, body);
                })
                .delete("/api/accounts/{id}", (req, res) -> {
                    Account removed = changed(() -> admin.remove(id(req)));
                    replies.json(res, 200, JsonNodeFactory.instance.objectNode().put("status", "ok").put("removed", removed.id()));
                });
    }

    static ObjectNode list(List<Account> accounts) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode array = root.putArray("accounts");
        accounts.forEach(a -> array.add(view(a)));
        root.put("count", accounts.size());
        return root;
    }

    /** {@code {"cooldowns":[{"account_id","email","model","until"}]}}: the (account, model) pairs resting now. */
    private ObjectNode cooling(List<Account> accounts) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode array = root.putArray("cooldowns");
        for (Account a : accounts) {
            cooldowns.coolingModels(a.id()).forEach((model, until) -> array.addObject().put("account_id", a.id())
                    .put("email", Masks.email(a.email())).put("model", model).put("until", until.toString()));
        }
        return root;
    }

    /** One account for the API: masked email, state with its reason and since when, no tokens. */
    static ObjectNode view(Account a) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", a.id());
        node.put("email", Masks.email(a.email()));
        node.put("provider", a.provider());
        node.put("state", a.state().wireName());
        putOptional(node, "state_reason", a.stateReason());
        node.put("state_since", a.stateSince().toString());
        node.put("primary", a.primary());
        putOptional(node, "project_id", a.projectId());
        putOptional(node, "tier", a.tier());
        putOptional(node, "oauth_client", a.oauthClient());
        putOptional(node, "token_expires_at", a.tokenExpiresAt().map(Instant::toString));
        node.put("created_at", a.createdAt().toString());
        putOptional(node, "last_used_at", a.lastUsedAt().map(Instant::toString));
        return node;
    }

    /** {@code {"status":"ok","account":{…}}}. */
    static ObjectNode ok(Account account) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", "ok");
        body.set("account", view(account));
        return body;
    }

    /** Looks an account up by the path's id (or email); an unknown one is a 404 that names it. */
    static Account found(Supplier<Account> lookup) {
        try {
            return lookup.get();
        } catch (NoSuchAccountException e) {
            throw new HttpError(404, e.getMessage(), "account_not_found");
        }
    }

    static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    /** A change, after which this server's view is reloaded at once (other servers follow within the poll interval). */
    private Account changed(Supplier<Account> change) {
        try {
            return found(change);
        } catch (AccountActionRefusedException e) {
            throw new HttpError(409, e.getMessage(), "not_a_google_account");
        } finally {
            directory.refreshIfChanged();
        }
    }

    private static boolean isActive(JsonNode body) {
        JsonNode value = body.path("is_active");
        if (!value.isBoolean()) {
            throw new HttpError(400, "send {\"is_active\": true} to enable the account or {\"is_active\": false} to disable it",
                    "invalid_request");
        }
        return value.asBoolean();
    }

    private static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
