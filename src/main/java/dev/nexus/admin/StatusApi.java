package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.account.Account;
import dev.nexus.account.AccountDirectory;
import dev.nexus.account.AccountState;
import dev.nexus.account.ApiKeyRing;
import dev.nexus.clientkey.ClientKeys;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/**
 * {@code GET /api/status}: what this server can serve right now, for the dashboard's status panel and client
 * snippets — its address as the client reached it, accounts by state and provider, the Gemini API keys (count and
 * masked labels), whether Vertex has a key, the client keys, and each client surface with whether it can answer
 * and, when not, what to set. Never a key, token or email.
 */
public final class StatusApi implements Routes {
    private final AccountDirectory accounts;
    private final ApiKeyRing geminiKeys;
    private final ApiKeyRing vertexKeys;
    private final ClientKeys clientKeys;
    private final boolean environmentKey;
    private final boolean adminPassword;
    private final Replies replies;

    public StatusApi(AccountDirectory accounts, ApiKeyRing geminiKeys, ApiKeyRing vertexKeys, ClientKeys clientKeys,
            boolean environmentKey, boolean adminPassword, Replies replies) {
        this.accounts = accounts;
        this.geminiKeys = geminiKeys;
        this.vertexKeys = vertexKeys;
        this.clientKeys = clientKeys;
        this.environmentKey = environmentKey;
        this.adminPassword = adminPassword;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/status", (req, res) -> replies.json(res, 200, status(req)));
    }

    private ObjectNode status(ServerRequest req) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("base_url", ClientAddress.of(req).map(Object::toString)
                .orElseGet(() -> "http://" + req.localPeer().host() + ":" + req.localPeer().port()));
        root.put("admin_password", adminPassword);
        List<Account> all = accounts.all();
        root.set("accounts", accountCounts(all));
        root.set("gemini_api", keyRing(geminiKeys, "NEXUS_GEMINI_API_KEYS"));
        root.set("vertex", keyRing(vertexKeys, "NEXUS_VERTEX_API_KEY"));
        ObjectNode keys = root.putObject("client_keys");
        keys.put("active", clientKeys.list().stream().filter(k -> !k.revoked()).count());
        keys.put("environment_key", environmentKey);
        ArrayNode surfaces = root.putArray("surfaces");
        SurfaceStatus.all(usableGoogle(all), !geminiKeys.isEmpty(), !vertexKeys.isEmpty()).forEach(s -> surfaces.add(s.json()));
        return root;
    }

    private static long usableGoogle(List<Account> all) {
        return all.stream().filter(a -> a.provider().equals(Account.GOOGLE) && a.active()).count();
    }

    private static ObjectNode accountCounts(List<Account> all) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("total", all.size());
        node.put("usable_google", usableGoogle(all));
        ObjectNode byState = node.putObject("by_state");
        for (AccountState state : AccountState.values()) {
            byState.put(state.wireName(), all.stream().filter(a -> a.state() == state).count());
        }
        ObjectNode byProvider = node.putObject("by_provider");
        all.stream().map(Account::provider).distinct().sorted()
                .forEach(p -> byProvider.put(p, all.stream().filter(a -> a.provider().equals(p)).count()));
        return node;
    }

    private static ObjectNode keyRing(ApiKeyRing ring, String variable) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("configured", !ring.isEmpty());
        node.put("keys", ring.size());
        ArrayNode labels = node.putArray("labels");
        ring.masked().forEach(labels::add);
        node.put("variable", variable);
        return node;
    }
}
