package dev.nexus.server;

import dev.nexus.config.CompatCatalog;
import java.util.Optional;

/**
 * The pass-through paths of the OpenAI-compatible providers, {@code /{provider}/{subpath…}}: any path of two or more
 * segments whose first segment is not one Nexus serves itself ({@link CompatCatalog#RESERVED_IDS}). Told from the path
 * alone, like the other surfaces, so the filters agree with the route: such a path needs a client key, is recorded by
 * the request monitor, and gets OpenAI's error envelope — whether or not the catalog knows the provider it names.
 */
public final class ProviderPaths {
    private ProviderPaths() {}

    public static boolean covers(String path) {
        return provider(path).isPresent();
    }

    /** The first segment of a pass-through path, e.g. {@code openrouter} for {@code /openrouter/v1/models}. */
    public static Optional<String> provider(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        int slash = path.indexOf('/', 1);
        if (slash <= 1 || slash == path.length() - 1) {
            return Optional.empty();
        }
        String first = path.substring(1, slash);
        return CompatCatalog.RESERVED_IDS.contains(first) ? Optional.empty() : Optional.of(first);
    }
}
