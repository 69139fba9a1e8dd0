package dev.nexus.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nexus.gateway.ModelRoute;
import java.util.List;

/** Model routes as JSON, in the Go original's field names plus {@code fallbacks}; shared by the API and the CLI. */
public final class RouteJson {
    private RouteJson() {}

    /** {@code {"routes":[…],"count":n}}. */
    public static ObjectNode list(List<ModelRoute> routes) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("routes", array(routes));
        root.put("count", routes.size());
        return root;
    }

    public static ArrayNode array(List<ModelRoute> routes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        routes.forEach(r -> array.add(view(r)));
        return array;
    }

    /** {@code {"id","client_model","target_provider","target_model","fallbacks":[…],"is_active"}}. */
    public static ObjectNode view(ModelRoute route) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", route.id());
        node.put("client_model", route.clientModel());
        node.put("target_provider", route.provider());
        node.put("target_model", route.targetModel());
        ArrayNode fallbacks = node.putArray("fallbacks");
        route.fallbacks().forEach(fallbacks::add);
        node.put("is_active", route.active());
        return node;
    }
}
