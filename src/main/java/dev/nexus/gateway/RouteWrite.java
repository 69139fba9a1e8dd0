package dev.nexus.gateway;

/** What a write of one route did. */
public sealed interface RouteWrite {
    record Saved(ModelRoute route) implements RouteWrite {}

    /** Another route already maps the same client model to the same provider; nothing was written. */
    record Duplicate(ModelRoute existing) implements RouteWrite {}

    /** No route has this id; nothing was written. */
    record Missing(String id) implements RouteWrite {}
}
