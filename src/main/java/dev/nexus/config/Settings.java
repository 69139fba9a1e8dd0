package dev.nexus.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything Nexus reads from its environment, parsed and validated once at start-up.
 * Secrets ({@code adminPassword}, {@code apiKey}, {@code secretKey}, the upstream keys of {@link KeyProxies}) are kept as plain strings here
 * because this record never leaves the process; {@link #toString()} masks them for logs.
 *
 * @param allowedHosts names besides loopback and {@code host} that the open admin surface answers to
 *     ({@code NEXUS_ALLOWED_HOSTS}; a guard against DNS rebinding)
 * @param oauthCallbackPort the loopback port a Google login's callback listener tries first (0: any free port)
 * @param codexCallbackPort the same for a ChatGPT (Codex) login ({@code NEXUS_CODEX_CALLBACK_PORT}, default 1455)
 * @param requestLog what the request monitor keeps and for how long
 * @param redisUrl {@code NEXUS_REDIS_URL}: where client-key counters are shared by a fleet (empty: each instance counts alone)
 * @param compatProviders the OpenAI-compatible providers ({@code NEXUS_OPENAI_COMPAT_PROVIDERS_FILE}, {@code NEXUS_<ID>_*})
 * @param observability who may read {@code /metrics} besides the admin, and where alerts are posted
 */
public record Settings(
        String host,
        List<String> allowedHosts,
        int port,
        Mode mode,
        Optional<String> adminPassword,
        boolean allowOpenAdmin,
        boolean verbose,
        Database database,
        Optional<String> apiKey,
        Optional<String> secretKey,
        Optional<String> redisUrl,
        long maxBodyBytes,
        Duration shutdownGrace,
        Optional<Path> modelRoutesFile,
        Pool pool,
        Upstreams upstreams,
        int oauthCallbackPort,
        int codexCallbackPort,
        Duration responsesTtl,
        KeyProxies keyProxies,
        RequestLog requestLog,
        ConnectionTimeouts connectionTimeouts,
        Limits limits,
        Anthropic anthropic,
        CompatCatalog compatProviders,
        Observability observability) {

    /**
     * The built-in Anthropic-format upstream ({@code anthropic}).
     *
     * @param keys its API keys in the order they are tried (empty: the provider is off)
     * @param baseUrl {@code NEXUS_ANTHROPIC_BASE_URL}; {@code /v1/messages} is appended
     * @param timeout how long it may take to send response headers
     */
    public record Anthropic(List<String> keys, URI baseUrl, Duration timeout) {
        public Anthropic {
            keys = List.copyOf(keys);
        }

        @Override
        public String toString() {
            return "Anthropic[keys=(" + keys.size() + " set), baseUrl=" + baseUrl + ", timeout=" + timeout + "]";
        }
    }

    /**
     * Metrics and alerts for operators.
     *
     * @param metricsToken a bearer token that may read {@code /metrics} ({@code NEXUS_METRICS_TOKEN}); a secret
     * @param alertWebhook where alert events are POSTed as JSON ({@code NEXUS_ALERT_WEBHOOK_URL}); may carry a secret
     *     in its path or query, so it is never printed
     */
    public record Observability(Optional<String> metricsToken, Optional<URI> alertWebhook) {
        @Override
        public String toString() {
            return "Observability[metricsToken=" + (metricsToken.isPresent() ? "(set)" : "(unset)")
                    + ", alertWebhook=" + (alertWebhook.isPresent() ? "(set)" : "(unset)") + "]";
        }
    }

    /**
     * The most one request may carry; larger requests get a 400 naming the limit.
     *
     * @param maxMessages messages (Responses input items, GenAI contents)
     * @param maxParts content parts in all
     * @param maxTools declared functions
     */
    public record Limits(int maxMessages, int maxParts, int maxTools) {}

    /**
     * The request monitor's log.
     *
     * @param logBodies whether request and response bodies (redacted, capped) are kept, until the operator toggles it at
     *     runtime (the toggle is stored and wins from then on)
     * @param retention how long records are kept
     * @param maxRows how many records are kept at most (the oldest go first)
     */
    public record RequestLog(boolean logBodies, Duration retention, long maxRows) {}

    /**
     * How long a client connection may wait on the client before the server closes it. None of these bounds a response
     * the server is writing: a long stream runs as long as it has something to say.
     *
     * @param idle an open connection between requests (keep-alive)
     * @param head from the first byte of a request to the end of its headers
     * @param body a read of the request body that gets no byte, so an upload that stalls
     */
    public record ConnectionTimeouts(Duration idle, Duration head, Duration body) {}

    /**
     * How accounts are chosen and how hard a request is retried before the client sees an error.
     *
     * @param strategy one of {@link #STRATEGIES}
     */
    public record Pool(String strategy, int maxAttempts, Duration retryDeadline) {
        public static final java.util.List<String> STRATEGIES =
                java.util.List.of("primary", "round-robin", "least-recently-used", "fill-first");
    }

    public enum Mode { DEBUG, RELEASE }

    /** Where state lives: a SQLite file (default) or a PostgreSQL JDBC URL. */
    public record Database(String jdbcUrl, Optional<Path> sqliteFile, Optional<String> user, Optional<String> password) {
        public boolean isSqlite() {
            return sqliteFile.isPresent();
        }

        /** The URL without credentials, for messages and logs. */
        public String describe() {
            return sqliteFile.map(Path::toString).orElseGet(() -> jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***"));
        }
    }

    /** Upstream endpoints; overridable so tests and users behind proxies can point them anywhere. */
    public record Upstreams(
            List<URI> cloudCodeBaseUrls,
            URI googleAuthUrl,
            URI googleTokenUrl,
            URI googleUserinfoUrl,
            Optional<String> googleClientId,
            Optional<String> googleClientSecret,
            URI geminiBaseUrl,
            URI vertexBaseUrl,
            URI codexBaseUrl,
            URI openaiAuthUrl,
            URI openaiTokenUrl,
            String antigravityUserAgent) {}

    /**
     * The key-injecting proxies to the Gemini API and Vertex express mode (their base URLs are in {@link Upstreams}).
     *
     * @param geminiKeys the Gemini API keys in the order they are tried (empty: the proxy is off)
     * @param geminiTimeout how long the Gemini API may take to send response headers
     * @param vertexKey the Vertex express-mode key (empty: the proxy is off)
     * @param vertexTimeout how long Vertex may take to send response headers
     */
    public record KeyProxies(List<String> geminiKeys, Duration geminiTimeout, Optional<String> vertexKey, Duration vertexTimeout) {
        public KeyProxies {
            geminiKeys = List.copyOf(geminiKeys);
        }

        @Override
        public String toString() {
            return "KeyProxies[geminiKeys=(" + geminiKeys.size() + " set), geminiTimeout=" + geminiTimeout
                    + ", vertexKey=" + (vertexKey.isPresent() ? "(set)" : "(unset)") + ", vertexTimeout=" + vertexTimeout + "]";
        }
    }

    @Override
    public String toString() {
        return "Settings[host=" + host + ", allowedHosts=" + allowedHosts + ", port=" + port + ", mode=" + mode
                + ", adminPassword=" + (adminPassword.isPresent() ? "(set)" : "(unset)")
                + ", allowOpenAdmin=" + allowOpenAdmin + ", verbose=" + verbose
                + ", database=" + database.describe()
                + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(unset)")
                + ", secretKey=" + (secretKey.isPresent() ? "(set)" : "(unset)")
                + ", redisUrl=" + (redisUrl.isPresent() ? "(set)" : "(unset)")
                + ", maxBodyBytes=" + maxBodyBytes + ", upstreams=" + upstreams
                + ", oauthCallbackPort=" + oauthCallbackPort + ", codexCallbackPort=" + codexCallbackPort + ", keyProxies=" + keyProxies
                + ", requestLog=" + requestLog + ", connectionTimeouts=" + connectionTimeouts + ", limits=" + limits
                + ", anthropic=" + anthropic + ", compatProviders=" + compatProviders.entries()
                + ", observability=" + observability + "]";
    }
}
