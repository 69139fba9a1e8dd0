package dev.nexus.server;

import io.helidon.http.Method;
import io.helidon.webserver.http.RoutingRequest;

/**
 * Requests clients send to check that the base URL answers before they send anything else: Claude Code asks
 * {@code HEAD /} and, in newer versions, {@code HEAD /api/hello}. They carry no credentials, and the empty 200 they get
 * reveals nothing, so the admin password does not cover them.
 */
final class ClientProbes {
    static final String HELLO = "/api/hello";

    private ClientProbes() {}

    static boolean isProbe(RoutingRequest req) {
        if (!req.prologue().method().equals(Method.HEAD)) {
            return false;
        }
        String path = req.path().path();
        return path.equals("/") || path.equals(HELLO);
    }
}
