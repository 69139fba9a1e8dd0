package dev.nexus.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the OpenAI-compatible catalog as the Go original did (seed §3.6): {@code NEXUS_OPENAI_COMPAT_PROVIDERS_FILE}
 * when set (it must exist), else the first {@code openai_compat_providers.yaml} on the search path, else the built-in
 * defaults (also when a file lists no provider; a file's providers replace the defaults, never merge with them). Each
 * entry then takes its environment: {@code NEXUS_<ID>_API_KEY} (a comma list is a key ring), {@code _BASE_URL},
 * {@code _STATIC_HEADERS} (a JSON object merged over the file's) and {@code _TIMEOUT}.
 *
 * <p>An entry that breaks a rule (bad id, duplicate id, auth mode other than bearer, unknown scope, bad URL, header or
 * timeout, in the file or its environment) is skipped with one warning naming it and why; the others still serve. A
 * file that cannot be read or parsed at all stops start-up: half a catalog from a typo would route nowhere silently.
 */
public final class CompatCatalogLoader {
    static final String FILE_VARIABLE = "NEXUS_OPENAI_COMPAT_PROVIDERS_FILE";
    static final String FILE_NAME = "openai_compat_providers.yaml";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** RFC 9110 token characters: anything else in a header name would fail every request at send time. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** The key is the one credential that goes upstream; a static header must not replace or add one. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "x-api-key", "api-key", "x-goog-api-key");

    private final Map<String, String> env;
    private final Path workingDirectory;
    private final Path home;
    private final ObjectMapper json = new ObjectMapper();

    public CompatCatalogLoader(Map<String, String> env, Path workingDirectory, Path home) {
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.home = home;
    }

    /** The Go original's search path, relative paths resolved against the working directory. */
    public static List<Path> searchPath(Path workingDirectory, Path home) {
        return List.of(
                workingDirectory.resolve("config/" + FILE_NAME),
                Path.of("/etc/nexus/" + FILE_NAME),
                Path.of("/opt/homebrew/etc/nexus/" + FILE_NAME),
                Path.of("/usr/local/etc/nexus/" + FILE_NAME),
                home.resolve(".config/nexus/" + FILE_NAME),
                home.resolve(".nexus/" + FILE_NAME));
    }

    public CompatCatalog load() {
        List<String> warnings = new ArrayList<>();
        Optional<Path> file = file();
        List<Raw> raws = new ArrayList<>();
        String source = "built-in defaults";
        if (file.isPresent()) {
            raws = read(file.get(), warnings);
            source = file.get().toString();
        }
        if (raws.isEmpty()) {
            raws = defaults();
            source = file.map(f -> f + " lists no provider: built-in defaults").orElse("built-in defaults");
        }
        List<CompatCatalog.Entry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Raw raw : raws) {
            try {
                CompatCatalog.Entry entry = entry(raw);
                if (!seen.add(entry.id())) {
                    throw new Skip("id '" + entry.id() + "' is listed twice; only the first entry is used");
                }
                entries.add(entry);
            } catch (Skip skip) {
                warnings.add("OpenAI-compatible provider " + raw.name() + " skipped: " + skip.getMessage());
            }
        }
        entries.sort(Comparator.comparing(CompatCatalog.Entry::id));
        return new CompatCatalog(entries, source, warnings);
    }

    /** An entry as written in the file (or the defaults), before validation; {@code name} is how warnings call it. */
    private record Raw(String name, JsonNode node) {}

    private static final class Skip extends RuntimeException {
        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    private Optional<Path> file() {
        Optional<String> configured = text(FILE_VARIABLE);
        if (configured.isPresent()) {
            Path path = workingDirectory.resolve(configured.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("invalid " + FILE_VARIABLE + "='" + configured.get() + "': no such file " + path
                        + " (point it at an existing YAML file, or unset it to use the search path and built-in defaults)");
            }
            return Optional.of(path);
        }
        return searchPath(workingDirectory, home).stream().filter(Files::isRegularFile).findFirst();
    }

    private List<Raw> read(Path file, List<String> warnings) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read the OpenAI-compatible providers file " + file + ": " + e.getMessage()
                    + " (fix the YAML: providers: [{id, base_url, ...}])");
        }
        List<Raw> raws = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return raws;
        }
        JsonNode list = root.path("providers");
        if (!list.isArray()) {
            throw new ConfigException("OpenAI-compatible providers file " + file
                    + " needs a top-level 'providers:' list of {id, base_url, ...}");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String id = node.path("id").asText("").trim();
            raws.add(new Raw("providers[" + i + "]" + (id.isEmpty() ? "" : " (" + id + ")") + " in " + file, node));
        }
        return raws;
    }

    /** The Go original's built-in catalog: OpenRouter (chat and Anthropic Messages) and NVIDIA (unknown names only). */
    private List<Raw> defaults() {
        return List.of(
                new Raw("openrouter (built-in)", json.createObjectNode().put("id", "openrouter")
                        .put("base_url", "https://openrouter.ai/api/v1")
                        .set("capabilities", json.createArrayNode().add(CompatCatalog.OPENAI_CHAT).add(CompatCatalog.ANTHROPIC_MESSAGES))),
                new Raw("nvidia (built-in)", json.createObjectNode().put("id", "nvidia")
                        .put("base_url", "https://integrate.api.nvidia.com/v1").put("model_scope", "unknown_prefix_only")));
    }

    private CompatCatalog.Entry entry(Raw raw) {
        JsonNode node = raw.node();
        if (!node.isObject()) {
            throw new Skip("an entry must be a mapping of id, base_url, …");
        }
        if (node.has("id") && !node.get("id").isTextual()) {
            throw new Skip("id " + node.get("id") + " is not text; quote it (YAML reads on, off, yes, no and numbers as other types)");
        }
        String id = node.path("id").asText("").trim().toLowerCase(Locale.ROOT);
        if (!ID.matcher(id).matches()) {
            throw new Skip("id '" + id + "' must be lower-case letters, digits and '-', starting with a letter or digit");
        }
        if (CompatCatalog.RESERVED_IDS.contains(id)) {
            throw new Skip("id '" + id + "' clashes with Nexus's own path /" + id + "/, so /" + id
                    + "/… could never reach the provider; choose another id");
        }
        boolean enabled = true;
        if (node.has("enabled") && !node.get("enabled").isNull()) {
            if (!node.get("enabled").isBoolean()) {
                throw new Skip("enabled must be true or false");
            }
            enabled = node.get("enabled").booleanValue();
        }
        String auth = node.path("auth_mode").asText("").trim().toLowerCase(Locale.ROOT);
        if (!auth.isEmpty() && !auth.equals("bearer")) {
            throw new Skip("auth_mode '" + auth + "' is not supported (only bearer)");
        }
        CompatCatalog.Scope scope = switch (node.path("model_scope").asText("").trim().toLowerCase(Locale.ROOT)) {
            case "", "all_models" -> CompatCatalog.Scope.ALL_MODELS;
            case "unknown_prefix_only" -> CompatCatalog.Scope.UNKNOWN_PREFIX_ONLY;
            default -> throw new Skip("model_scope '" + node.path("model_scope").asText() + "' must be all_models or unknown_prefix_only");
        };
        Set<String> capabilities = new LinkedHashSet<>();
        for (JsonNode capability : node.path("capabilities")) {
            String name = capability.asText("").trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                capabilities.add(name);
            }
        }
        if (capabilities.isEmpty()) {
            capabilities.add(CompatCatalog.OPENAI_CHAT);
        }
        Optional<URI> baseUrl = text(CompatCatalog.variable(id, "BASE_URL"))
                .map(url -> url(url, CompatCatalog.variable(id, "BASE_URL")))
                .or(() -> Optional.of(node.path("base_url").asText("").trim()).filter(s -> !s.isEmpty()).map(url -> url(url, "base_url")));
        Map<String, String> headers = headers(node.path("static_headers"), "static_headers");
        Optional<String> envHeaders = text(CompatCatalog.variable(id, "STATIC_HEADERS"));
        if (envHeaders.isPresent()) {
            try {
                headers.putAll(headers(json.readTree(envHeaders.get()), CompatCatalog.variable(id, "STATIC_HEADERS")));
            } catch (JsonProcessingException e) {
                throw new Skip(CompatCatalog.variable(id, "STATIC_HEADERS") + " must be a JSON object, e.g. {\"X-Title\":\"nexus\"}");
            }
        }
        Duration timeout = timeout(text(CompatCatalog.variable(id, "TIMEOUT")), CompatCatalog.variable(id, "TIMEOUT"))
                .or(() -> timeout(Optional.of(node.path("timeout").asText("").trim()).filter(s -> !s.isEmpty()), "timeout"))
                .orElse(DEFAULT_TIMEOUT);
        List<String> keys = text(CompatCatalog.variable(id, "API_KEY")).map(SettingsLoader::commaList).orElse(List.of());
        return new CompatCatalog.Entry(id, enabled, baseUrl, scope, List.copyOf(capabilities), headers, timeout, keys);
    }

    private static URI url(String raw, String field) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null) {
                String text = uri.toString();
                return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new Skip(field + " '" + raw + "' is not an absolute http(s) URL such as https://openrouter.ai/api/v1");
    }

    /** A mapping of header names to values; blank names and values are dropped, as in the Go original. */
    private static Map<String, String> headers(JsonNode node, String field) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw new Skip(field + " must be a mapping of header names to values");
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            String name = header.getKey().trim();
            String value = header.getValue().isValueNode() ? header.getValue().asText("").trim() : "";
            if (name.isEmpty() || value.isEmpty()) {
                continue;
            }
            if (!HEADER_NAME.matcher(name).matches() || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new Skip(field + " has an invalid header '" + name + "'");
            }
            if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new Skip(field + " sets '" + name + "', a credential header: the provider's key goes in NEXUS_<ID>_API_KEY");
            }
            headers.put(name, value);
        }
        return headers;
    }

    private static Optional<Duration> timeout(Optional<String> raw, String field) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> parsed = SettingsLoader.parseGoDuration(raw.get());
        if (parsed.isEmpty() || !parsed.get().isPositive()) {
            throw new Skip(field + " '" + raw.get() + "' is not a positive duration such as 180s or 5m");
        }
        return parsed;
    }

    /** A variable's value trimmed and unquoted as Docker .env files write it; empty counts as unset. */
    private Optional<String> text(String name) {
        String raw = env.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        String value = SettingsLoader.unquote(raw.trim());
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
