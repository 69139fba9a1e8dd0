package dev.nexus.gateway;

import java.util.List;
import java.util.Optional;

/**
 * Persistence of model routes; implemented by the store. Every write moves {@link #revision()}, so running servers
 * reload their {@link ModelRoutes} within the poll interval.
 */
public interface ModelRouteRepository {

    /** All routes, in creation order (which decides between two active routes for one client model). */
    List<ModelRoute> list();

    Optional<ModelRoute> find(String id);

    /** Replaces every route with these (used to seed from the YAML file). */
    void replaceAll(List<ModelRoute> routes);

    /** Adds the route last in the order, unless one for the same client model and provider exists. */
    RouteWrite add(ModelRoute route);

    /** Replaces the route with the same id, keeping its place in the order; refuses to duplicate another route. */
    RouteWrite update(ModelRoute route);

    /** Deletes the route; false when no route has this id. */
    boolean remove(String id);

    /** A counter that grows with every change, from any process sharing the database. */
    long revision();
}
