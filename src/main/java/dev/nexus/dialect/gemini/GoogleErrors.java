package dev.nexus.dialect.gemini;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Google's error envelope (google.rpc.Status as JSON): {@code {"error":{"code","message","status"}}}. */
public final class GoogleErrors {
    private GoogleErrors() {}

    public static ObjectNode body(int status, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.put("status", status(status));
        return root;
    }

    /** The canonical google.rpc.Code name Google pairs with an HTTP status. */
    public static String status(int http) {
        return switch (http) {
            case 400, 413 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 412 -> "FAILED_PRECONDITION";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> http >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
        };
    }
}
