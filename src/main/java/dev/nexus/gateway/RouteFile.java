package dev.nexus.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nexus.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The model routes file in the Go original's format ({@code routes: [{client, provider, target}]}). Found on the
 * original's search path; when none exists, the defaults shipped inside the jar are used. Never fetched from the
 * network. A file with an entry whose names break the rules ({@link ProviderPolicy#routeProblem}) is refused whole,
 * naming the entry, like one with a missing field: half a routes table would route some models nobody expects.
 */
public final class RouteFile {
    static final String BUNDLED = "/model_routes.yaml";

    private RouteFile() {}

    /** The search path of the Go original, relative paths resolved against the working directory. */
    public static List<Path> searchPath(Path workingDirectory, Path home) {
        return List.of(
                workingDirectory.resolve("config/model_routes.yaml"),
                Path.of("/etc/nexus/model_routes.yaml"),
                Path.of("/opt/homebrew/etc/nexus/model_routes.yaml"),
                Path.of("/usr/local/etc/nexus/model_routes.yaml"),
                home.resolve(".config/nexus/model_routes.yaml"),
                home.resolve(".nexus/model_routes.yaml"));
    }

    /** The routes of the first file that exists on the path, or the bundled defaults; also says where they came from. */
    public static Loaded load(List<Path> searchPath, ProviderPolicy policy) {
        for (Path candidate : searchPath) {
            if (Files.isRegularFile(candidate)) {
                try (InputStream in = Files.newInputStream(candidate)) {
                    return new Loaded(parse(in, candidate.toString(), policy), candidate.toString());
                } catch (IOException e) {
                    throw new ConfigException("cannot read model routes file " + candidate + ": " + e.getMessage());
                }
            }
        }
        try (InputStream in = RouteFile.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                return new Loaded(List.of(), "(none)");
            }
            return new Loaded(parse(in, "built-in defaults", policy), "built-in defaults");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled model routes", e);
        }
    }

    public record Loaded(List<ModelRoute> routes, String source) {}

    static List<ModelRoute> parse(InputStream in, String source, ProviderPolicy policy) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        List<ModelRoute> routes = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return routes;
        }
        JsonNode list = root.path("routes");
        if (!list.isArray()) {
            throw new ConfigException("model routes file " + source + " needs a top-level 'routes:' list of {client, provider, target}");
        }
        int i = 0;
        for (JsonNode entry : list) {
            String client = entry.path("client").asText("").trim();
            String target = entry.path("target").asText("").trim();
            String provider = entry.path("provider").asText("").trim().toLowerCase(Locale.ROOT);
            if (client.isEmpty() || target.isEmpty()) {
                throw new ConfigException("model routes file " + source + ": routes[" + i + "] needs both 'client' and 'target'");
            }
            List<String> fallbacks = new ArrayList<>();
            for (JsonNode fallback : entry.path("fallbacks")) {
                if (!fallback.asText("").isBlank()) {
                    fallbacks.add(fallback.asText().trim());
                }
            }
            String id = provider.isEmpty() ? "google" : provider;
            int position = i;
            policy.routeProblem(client, id, target, fallbacks, ProviderPolicy.RouteFields.FILE).ifPresent(problem -> {
                throw new ConfigException("model routes file " + source + ": routes[" + position + "]: " + problem);
            });
            routes.add(new ModelRoute(UUID.randomUUID().toString(), client, id, target, fallbacks, true));
            i++;
        }
        return routes;
    }
}
