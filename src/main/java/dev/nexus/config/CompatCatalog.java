package dev.nexus.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OpenAI-compatible providers (OpenRouter, NVIDIA, …) this server knows, from the catalog file or the built-in
 * defaults, with each one's environment applied ({@link CompatCatalogLoader}).
 *
 * @param source where the entries came from: the file's path, or {@code built-in defaults}
 * @param warnings one line per entry or override that was skipped, naming it and why; the server logs them at start
 */
public record CompatCatalog(List<Entry> entries, String source, List<String> warnings) {
    public CompatCatalog {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** Which client model names a provider takes ({@code model_scope}). */
    public enum Scope {
        /** Any client model. */
        ALL_MODELS,
        /** Only names that are not gpt*, gemini* or claude*, which have providers of their own. */
        UNKNOWN_PREFIX_ONLY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One provider.
     *
     * @param id lower case, {@code ^[a-z0-9][a-z0-9-]*$}; routes name it
     * @param baseUrl the OpenAI base URL, ending in its version segment (e.g. {@code https://openrouter.ai/api/v1});
     *     empty when neither the file nor {@code NEXUS_<ID>_BASE_URL} gave one
     * @param capabilities lower-cased and de-duplicated, e.g. {@code openai.chat}, {@code anthropic.messages}
     * @param staticHeaders sent with every upstream request, the file's merged with {@code NEXUS_<ID>_STATIC_HEADERS}
     * @param timeout how long the upstream may take to send its response headers
     * @param apiKeys {@code NEXUS_<ID>_API_KEY} as a comma list: the provider's key ring, tried in this order
     */
    public record Entry(String id, boolean enabled, Optional<URI> baseUrl, Scope scope, List<String> capabilities,
            Map<String, String> staticHeaders, Duration timeout, List<String> apiKeys) {
        public Entry {
            capabilities = List.copyOf(capabilities);
            staticHeaders = Map.copyOf(staticHeaders);
            apiKeys = List.copyOf(apiKeys);
        }

        /** Whether requests can be served: enabled, with a base URL and at least one key. */
        public boolean runtimeEnabled() {
            return enabled && baseUrl.isPresent() && !apiKeys.isEmpty();
        }

        /**
         * Where {@code /{id}/…} pass-through requests go: the base URL without a trailing version segment
         * ({@code /v<digits><letters or digits>*}), e.g. {@code https://openrouter.ai/api/v1} becomes
         * {@code https://openrouter.ai/api}, so {@code /openrouter/v1/models} reaches {@code …/api/v1/models}.
         */
        public Optional<URI> rootUrl() {
            return baseUrl.map(url -> URI.create(VERSION_SEGMENT.matcher(url.toString()).replaceFirst("")));
        }

        /** The variable holding its keys, e.g. {@code NEXUS_OPENROUTER_API_KEY}: messages about a refused key name it. */
        public String keyVariable() {
            return variable(id, "API_KEY");
        }

        public boolean speaks(String capability) {
            return capabilities.contains(capability);
        }

        @Override
        public String toString() {
            return "Entry[id=" + id + ", enabled=" + enabled + ", baseUrl=" + baseUrl.map(URI::toString).orElse("(unset)")
                    + ", scope=" + scope.wireName() + ", capabilities=" + capabilities + ", staticHeaders=" + staticHeaders.keySet()
                    + ", timeout=" + timeout + ", apiKeys=(" + apiKeys.size() + " set)]";
        }
    }

    /** A base URL's trailing version segment, cut off for the root URL. */
    private static final Pattern VERSION_SEGMENT = Pattern.compile("/v[0-9]+[A-Za-z0-9]*/?$");

    /**
     * First path segments Nexus serves itself. A provider is reached at {@code /{id}/…}, and the server's own paths win
     * over that, so an entry with one of these ids could never be reached: the loader refuses it.
     */
    public static final Set<String> RESERVED_IDS = java.util.Set.of("v1", "v1beta", "genai", "anthropic", "api",
            "auth", "assets", "dashboard", "monitor", "tools", "healthz", "readyz");

    /** Capability of every entry that declares none: OpenAI Chat Completions at {@code {base_url}/chat/completions}. */
    public static final String OPENAI_CHAT = "openai.chat";
    /** Capability of an entry that also serves Anthropic Messages at {@code {base_url}/messages} (OpenRouter does). */
    public static final String ANTHROPIC_MESSAGES = "anthropic.messages";

    public Optional<Entry> entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * A provider's environment variable: {@code NEXUS_}, the id upper-cased with {@code - . /} and spaces as
     * {@code _}, then the suffix (e.g. {@code NEXUS_MY_ROUTER_BASE_URL}).
     */
    public static String variable(String id, String suffix) {
        return "NEXUS_" + id.toUpperCase(Locale.ROOT).replaceAll("[-./ ]", "_") + "_" + suffix;
    }
}
