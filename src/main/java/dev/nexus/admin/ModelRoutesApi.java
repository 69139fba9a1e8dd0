package dev.nexus.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.config.ConfigException;
import dev.nexus.gateway.ModelRoute;
import dev.nexus.gateway.ModelRoutes;
import dev.nexus.gateway.RouteEditor;
import dev.nexus.gateway.RouteFile;
import dev.nexus.gateway.RouteRefusedException;
import dev.nexus.gateway.RouteSeed;
import dev.nexus.server.HttpError;
import dev.nexus.server.JsonBodies;
import dev.nexus.server.Replies;
import dev.nexus.server.Routes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /api/model-routes}: list (the server's current snapshot), add, replace, delete, and reset to the routes
 * file. Writes go through the {@link RouteEditor} (validation, provider policy, duplicates) and are visible to this
 * server at once and to other processes within the poll interval.
 */
public final class ModelRoutesApi implements Routes {
    private final ModelRoutes routes;
    private final RouteEditor editor;
    private final RouteSeed seed;
    private final JsonBodies bodies;
    private final Replies replies;

    public ModelRoutesApi(ModelRoutes routes, RouteEditor editor, RouteSeed seed, JsonBodies bodies, Replies replies) {
        this.routes = routes;
        this.editor = editor;
        this.seed = seed;
        this.bodies = bodies;
        this.replies = replies;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/model-routes", (req, res) -> replies.json(res, 200, RouteJson.list(routes.all())))
                .post("/api/model-routes/reset", (req, res) -> replies.json(res, 200, reset()))
                .post("/api/model-routes", (req, res) -> {
                    JsonNode body = bodies.readObject(req);
                    replies.json(res, 201, RouteJson.view(write(() -> editor.add(RouteBodies.draft(body, false)))));
                })
                .put("/api/model-routes/{id}", (req, res) -> {
                    JsonNode body = bodies.readObject(req);
                    replies.json(res, 200, RouteJson.view(write(() -> editor.update(id(req), RouteBodies.draft(body, true)))));
                })
                .delete("/api/model-routes/{id}", (req, res) -> {
                    String id = id(req);
                    write(() -> {
                        editor.remove(id);
                        return null;
                    });
                    replies.json(res, 200, Map.of("success", true, "id", id));
                });
    }

    private ObjectNode reset() {
        RouteFile.Loaded loaded;
        try {
            loaded = seed.reset();
        } catch (ConfigException e) {
            throw new HttpError(422, e.getMessage() + "; the routes are unchanged (fix the file, then reset again)",
                    "invalid_routes_file");
        }
        routes.refreshIfChanged();
        ObjectNode body = RouteJson.list(routes.all());
        body.put("success", true);
        body.put("source", loaded.source());
        return body;
    }

    /** Runs an editor change, turns a refusal into its HTTP error, and makes this server see the change at once. */
    private ModelRoute write(Supplier<ModelRoute> change) {
        try {
            return change.get();
        } catch (RouteRefusedException e) {
            throw new HttpError(e.reason().status(), e.getMessage(), code(e.reason()));
        } finally {
            routes.refreshIfChanged();
        }
    }

    private static String code(RouteRefusedException.Reason reason) {
        return switch (reason) {
            case INVALID -> "invalid_route";
            case NOT_FOUND -> "route_not_found";
            case DUPLICATE -> "duplicate_route";
            case NOT_ALLOWED -> "provider_not_allowed";
        };
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
