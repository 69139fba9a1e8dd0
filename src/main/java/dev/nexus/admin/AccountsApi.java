package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountDirectory;
import dev.nexus.secret.Masks;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/accounts}: the accounts as the server currently sees them, emails masked, no tokens. */
public final class AccountsApi implements Routes {
    private final AccountDirectory directory;
    private final Replies replies;

    public AccountsApi(AccountDirectory directory, Replies replies) {
        this.directory = directory;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/accounts", (req, res) -> replies.json(res, 200, list(directory.all())));
    }

    static ObjectNode list(List<Account> accounts) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode array = root.putArray("accounts");
        accounts.forEach(a -> array.add(view(a)));
        root.put("count", accounts.size());
        return root;
    }

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
        putOptional(node, "token_expires_at", a.tokenExpiresAt().map(Instant::toString));
        node.put("created_at", a.createdAt().toString());
        putOptional(node, "last_used_at", a.lastUsedAt().map(Instant::toString));
        return node;
    }

    private static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
