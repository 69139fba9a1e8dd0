package dev.nexus.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexus.gateway.RouteDraft;
import dev.nexus.server.HttpError;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a route from a request body: {@code {"client_model","target_provider"?,"target_model","fallbacks"?,"is_active"?}}.
 * Fields of the wrong JSON type are a 400 here; missing names are refused by the editor (also 400).
 */
final class RouteBodies {
    private RouteBodies() {}

    /**
     * @param honourActive false for creation, where a route always starts active (as in the Go original); true for
     *     replacement, where {@code is_active} defaults to true
     */
    static RouteDraft draft(JsonNode body, boolean honourActive) {
        boolean active = !honourActive || bool(body, "is_active", true);
        return new RouteDraft(text(body, "client_model"), text(body, "target_provider"), text(body, "target_model"),
                fallbacks(body), active);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node.asText();
    }

    private static boolean bool(JsonNode body, String field, boolean absent) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw invalid(field + " must be true or false");
        }
        return node.asBoolean();
    }

    private static List<String> fallbacks(JsonNode body) {
        JsonNode node = body.path("fallbacks");
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("fallbacks must be an array of model names");
        }
        List<String> models = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw invalid("fallbacks must be an array of model names; found " + item);
            }
            models.add(item.asText());
        }
        return models;
    }

    private static HttpError invalid(String message) {
        return new HttpError(400, message, "invalid_route");
    }
}
