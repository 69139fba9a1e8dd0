package dev.nexus.front;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.gateway.ModelCatalog;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;

/** {@code GET /v1/models}: the models clients can ask for, in OpenAI's list shape. */
public final class OpenAiModelsFront implements Routes {
    private final ModelCatalog catalog;
    private final Replies replies;

    public OpenAiModelsFront(ModelCatalog catalog, Replies replies) {
        this.catalog = catalog;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/v1/models", (req, res) -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("object", "list");
            ArrayNode data = root.putArray("data");
            for (ModelCatalog.Entry entry : catalog.entries()) {
                ObjectNode model = data.addObject();
                model.put("id", entry.id());
                model.put("object", "model");
                model.put("created", entry.created());
                model.put("owned_by", entry.ownedBy());
            }
            replies.json(req, res, 200, root);
        });
    }
}
