package dev.nexus.gateway;

import java.util.List;

/** Persistence of model routes; implemented by the store. */
public interface ModelRouteRepository {

    /** All routes, in creation order. */
    List<ModelRoute> list();

    /** Replaces every route with these (used to seed from the YAML file). */
    void replaceAll(List<ModelRoute> routes);

    /** A counter that grows with every change, from any process sharing the database. */
    long revision();
}
