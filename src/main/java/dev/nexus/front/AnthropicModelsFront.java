package dev.nexus.front;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.gateway.ModelCatalog;
import dev.nexus.server.HttpError;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Anthropic's model list: the live catalog's models and the routed client model names ({@link ModelCatalog#entries}),
 * at {@code /anthropic/v1/models} and at {@code /v1/models} for requests that carry {@code anthropic-version} (Claude
 * Code asks {@code GET /v1/models?limit=1000} so; others fall through to OpenAI's list). Every model is listed on one
 * page, whatever {@code limit} asks.
 */
public final class AnthropicModelsFront implements Routes {
    /** Models carry no release date here; one fixed, documented value keeps the field valid for clients. */
    static final String CREATED_AT = "2025-01-01T00:00:00Z";

    private final ModelCatalog catalog;
    private final Replies replies;

    public AnthropicModelsFront(ModelCatalog catalog, Replies replies) {
        this.catalog = catalog;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/anthropic/v1/models", (req, res) -> replies.json(req, res, 200, list()));
        routing.get("/anthropic/v1/models/{id}", (req, res) -> one(req, res));
        routing.get("/v1/models", (req, res) -> {
            if (req.headers().contains(HeaderNames.create("anthropic-version"))) {
                replies.json(req, res, 200, list());
            } else {
                res.next();
            }
        });
        routing.get("/v1/models/{id}", (req, res) -> {
            if (req.headers().contains(HeaderNames.create("anthropic-version"))) {
                one(req, res);
            } else {
                res.next();
            }
        });
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!ids().contains(id)) {
            throw new HttpError(404, "model '" + id + "' is neither in the model catalog nor routed on this server"
                    + " (see GET /anthropic/v1/models)", "not_found");
        }
        replies.json(req, res, 200, model(id));
    }

    private ObjectNode list() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode data = root.putArray("data");
        List<String> ids = new ArrayList<>(ids());
        ids.forEach(id -> data.add(model(id)));
        root.put("has_more", false);
        if (ids.isEmpty()) {
            root.putNull("first_id");
            root.putNull("last_id");
        } else {
            root.put("first_id", ids.get(0));
            root.put("last_id", ids.get(ids.size() - 1));
        }
        return root;
    }

    private Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        catalog.entries().forEach(entry -> ids.add(entry.id()));
        return ids;
    }

    private static ObjectNode model(String id) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "model");
        node.put("id", id);
        node.put("display_name", displayName(id));
        node.put("created_at", CREATED_AT);
        return node;
    }

    /** {@code claude-sonnet-4-5-20250514} → {@code Claude Sonnet 4.5}: words capitalised, version digits dotted, date dropped. */
    static String displayName(String id) {
        List<String> words = new ArrayList<>();
        List<String> version = new ArrayList<>();
        for (String part : id.split("-")) {
            if (part.matches("\\d{8}")) {
                continue;
            }
            if (part.matches("\\d+")) {
                version.add(part);
            } else {
                if (!version.isEmpty()) {
                    words.add(String.join(".", version));
                    version.clear();
                }
                words.add(part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
        }
        if (!version.isEmpty()) {
            words.add(String.join(".", version));
        }
        return String.join(" ", words);
    }
}
