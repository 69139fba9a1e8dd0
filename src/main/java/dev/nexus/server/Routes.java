package dev.nexus.server;

import io.helidon.webserver.http.HttpRouting;

/** A group of endpoints that registers itself in the server's route table. */
@FunctionalInterface
public interface Routes {
    void register(HttpRouting.Builder routing);
}
