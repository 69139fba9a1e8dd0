package dev.nexus.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fills the routes table from the routes file: on first start, and again whenever the operator asks for a reset
 * ({@code POST /api/model-routes/reset}). Both read the same file the same way.
 *
 * @param searchPath where to look for the file, first existing one wins; the bundled defaults otherwise
 * @param policy whose model-id rules the file's routes must follow
 */
public record RouteSeed(ModelRouteRepository routes, List<Path> searchPath, ProviderPolicy policy) {
    public RouteSeed {
        searchPath = List.copyOf(searchPath);
    }

    /** {@code NEXUS_MODEL_ROUTES_FILE} alone when set, else the Go original's search path. */
    public static RouteSeed of(ModelRouteRepository routes, Optional<Path> configuredFile, Path workingDirectory, Path home,
            ProviderPolicy policy) {
        return new RouteSeed(routes, configuredFile.map(List::of).orElseGet(() -> RouteFile.searchPath(workingDirectory, home)),
                policy);
    }

    /**
     * Replaces every route with those of the file; returns what was loaded and from where.
     *
     * @throws dev.nexus.config.ConfigException when the file cannot be read or an entry breaks the rules; the routes
     *     are then left as they were
     */
    public RouteFile.Loaded reset() {
        RouteFile.Loaded loaded = RouteFile.load(searchPath, policy);
        routes.replaceAll(loaded.routes());
        return loaded;
    }
}
