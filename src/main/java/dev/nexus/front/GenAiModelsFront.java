package dev.nexus.front;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.dialect.gemini.GoogleErrors;
import dev.nexus.gateway.ModelCatalog;
import dev.nexus.gateway.ModelRoute;
import dev.nexus.gateway.ModelRoutes;
import dev.nexus.provider.cloudcode.CloudCodeModels;
import dev.nexus.server.HttpError;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /genai/{version}/models[/{model}]}: the live catalog (the models the active accounts can use on Cloud
 * Code, from {@code fetchAvailableModels}), plus the client models that routes define (not wildcard routes), in
 * Google's model shape.
 */
public final class GenAiModelsFront implements Routes {
    private static final List<String> METHODS = List.of("generateContent", "streamGenerateContent", "countTokens");

    private final ModelCatalog catalog;
    private final ModelRoutes routes;
    private final Replies replies;

    public GenAiModelsFront(ModelCatalog catalog, ModelRoutes routes, Replies replies) {
        this.catalog = catalog;
        this.routes = routes;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        for (String version : GenAiFront.VERSIONS) {
            String base = "/genai/" + version + "/models";
            routing.get(base, this::list);
            routing.get(base + "/", this::list);
            routing.get(base + "/{model}", this::one);
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("models");
        models().values().forEach(list::add);
        replies.json(req, res, 200, body);
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("model");
        id = id.startsWith("models/") ? id.substring("models/".length()) : id;
        ObjectNode model = models().get(id);
        if (model == null) {
            replies.json(req, res, 404, GoogleErrors.body(404, "models/" + id + " is not found for API version of this server"
                    + " (GET /genai/v1beta/models lists the models the linked accounts can use)"));
            return;
        }
        replies.json(req, res, 200, model);
    }

    /** By id: Cloud Code's models first, then routed client models not already listed. */
    private Map<String, ObjectNode> models() {
        List<CloudCodeModels.Available> available;
        try {
            available = catalog.available();
        } catch (ModelCatalog.Unavailable e) {
            throw new HttpError(503, "cannot list models: " + e.getMessage());
        }
        Map<String, ObjectNode> models = new LinkedHashMap<>();
        for (CloudCodeModels.Available a : available) {
            models.put(a.id(), entry(a.id(), a.displayName(), a.displayName()));
        }
        for (ModelRoute route : routes.active()) {
            if (ModelRoutes.isGlob(route.clientModel())) {
                continue; // a pattern, not a model
            }
            models.putIfAbsent(route.clientModel(), entry(route.clientModel(), route.clientModel(),
                    "Routed by Nexus to " + route.provider() + "/" + route.targetModel()));
        }
        return models;
    }

    private static ObjectNode entry(String id, String displayName, String description) {
        ObjectNode model = JsonNodeFactory.instance.objectNode();
        model.put("name", "models/" + id);
        model.put("version", id);
        model.put("displayName", displayName);
        model.put("description", description);
        ArrayNode methods = model.putArray("supportedGenerationMethods");
        METHODS.forEach(methods::add);
        return model;
    }
}
