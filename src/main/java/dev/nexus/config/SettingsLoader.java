package dev.nexus.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link Settings} from environment variables, with the Go original's names and defaults.
 * Every invalid value stops start-up with one line naming the variable, what is wrong and an example.
 */
public final class SettingsLoader {
    static final String DEFAULT_CLOUDCODE = "https://daily-cloudcode-pa.sandbox.googleapis.com/v1internal,"
            + "https://daily-cloudcode-pa.googleapis.com/v1internal,"
            + "https://cloudcode-pa.googleapis.com/v1internal";

    /** The Go original's proxy timeout. */
    static final Duration PROXY_TIMEOUT = Duration.ofMinutes(5);
    private static final String GO_UNIT = "(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)";
    private static final Pattern GO_DURATION = Pattern.compile("(?:" + GO_UNIT + ")+");
    private static final Pattern GO_DURATION_PART = Pattern.compile(GO_UNIT);

    private final Map<String, String> env;
    private final Path workingDirectory;

    public SettingsLoader(Map<String, String> env, Path workingDirectory) {
        this.env = env;
        this.workingDirectory = workingDirectory;
    }

    public static Settings fromSystem() {
        return new SettingsLoader(System.getenv(), Path.of("").toAbsolutePath()).load();
    }

    public Settings load() {
        Settings.Mode mode = mode();
        return new Settings(
                text("HOST").orElse("127.0.0.1"),
                text("NEXUS_ALLOWED_HOSTS").map(SettingsLoader::commaList).orElse(List.of()),
                port(mode),
                mode,
                text("NEXUS_ADMIN_PASSWORD"),
                flag("NEXUS_ALLOW_OPEN_ADMIN"),
                flag("NEXUS_VERBOSE"),
                database(),
                text("NEXUS_API_KEY"),
                text("NEXUS_SECRET_KEY"),
                text("NEXUS_REDIS_URL"),
                positiveLong("NEXUS_MAX_BODY_BYTES", 32L * 1024 * 1024),
                goDuration("NEXUS_SHUTDOWN_GRACE", Duration.ofSeconds(10)),
                text("NEXUS_MODEL_ROUTES_FILE").map(f -> workingDirectory.resolve(f).toAbsolutePath().normalize()),
                pool(),
                upstreams(),
                port("NEXUS_OAUTH_CALLBACK_PORT", 51121),
                port("NEXUS_CODEX_CALLBACK_PORT", 1455),
                duration("NEXUS_RESPONSES_TTL", Duration.ofDays(7)),
                keyProxies(),
                requestLog(),
                connectionTimeouts(),
                limits(),
                anthropic(),
                new CompatCatalogLoader(env, workingDirectory, home()).load(),
                new Settings.Observability(text("NEXUS_METRICS_TOKEN"),
                        text("NEXUS_ALERT_WEBHOOK_URL").map(url -> parseUrl("NEXUS_ALERT_WEBHOOK_URL", url))));
    }

    /** Anthropic keys: NEXUS_ANTHROPIC_API_KEYS (comma list) wins over NEXUS_ANTHROPIC_API_KEY. */
    private Settings.Anthropic anthropic() {
        List<String> keys = text("NEXUS_ANTHROPIC_API_KEYS").map(SettingsLoader::commaList).filter(k -> !k.isEmpty())
                .or(() -> text("NEXUS_ANTHROPIC_API_KEY").map(List::of))
                .orElse(List.of());
        return new Settings.Anthropic(keys, url("NEXUS_ANTHROPIC_BASE_URL", "https://api.anthropic.com"),
                goDuration("NEXUS_ANTHROPIC_TIMEOUT", PROXY_TIMEOUT));
    }

    /**
     * Idle keep-alive connections are closed after two minutes: longer than common client pools keep them (httpx 5 s,
     * Node 4 to 5 s, Go and hyper 90 s, nginx upstream keep-alive 60 s), so the client normally drops a connection
     * before the server does and never sends a request on a connection that is being closed.
     */
    private Settings.ConnectionTimeouts connectionTimeouts() {
        return new Settings.ConnectionTimeouts(goDuration("NEXUS_IDLE_TIMEOUT", Duration.ofMinutes(2)),
                goDuration("NEXUS_HEADER_TIMEOUT", Duration.ofSeconds(30)), goDuration("NEXUS_BODY_TIMEOUT", Duration.ofSeconds(60)));
    }

    /** Per-request limits; the defaults are far above what long coding-agent sessions send. */
    private Settings.Limits limits() {
        return new Settings.Limits(
                (int) boundedLong("NEXUS_MAX_MESSAGES", 20_000, Integer.MAX_VALUE, "a number of messages"),
                (int) boundedLong("NEXUS_MAX_PARTS", 100_000, Integer.MAX_VALUE, "a number of content parts"),
                (int) boundedLong("NEXUS_MAX_TOOLS", 1_000, Integer.MAX_VALUE, "a number of tools"));
    }

    private Settings.RequestLog requestLog() {
        long days = boundedLong("NEXUS_LOG_RETENTION_DAYS", 7, 3650, "a whole number of days");
        long rows = boundedLong("NEXUS_LOG_MAX_ROWS", 100_000, 100_000_000, "a number of rows");
        return new Settings.RequestLog(flag("NEXUS_LOG_BODIES"), Duration.ofDays(days), rows);
    }

    /** A whole number from 1 to {@code max}. */
    private long boundedLong(String name, long fallback, long max, String what) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(name, raw.get(), "use " + what + " from 1 to " + max + ", e.g. " + name + "=" + fallback);
    }

    /** Gemini keys: NEXUS_GEMINI_API_KEYS (comma list) wins over NEXUS_GEMINI_API_KEY, which wins over GEMINI_API_KEY. */
    private Settings.KeyProxies keyProxies() {
        List<String> gemini = text("NEXUS_GEMINI_API_KEYS").map(SettingsLoader::commaList).filter(keys -> !keys.isEmpty())
                .or(() -> text("NEXUS_GEMINI_API_KEY").map(List::of))
                .or(() -> text("GEMINI_API_KEY").map(List::of))
                .orElse(List.of());
        return new Settings.KeyProxies(gemini, goDuration("NEXUS_GEMINI_PROXY_TIMEOUT", PROXY_TIMEOUT),
                text("NEXUS_VERTEX_API_KEY"), goDuration("NEXUS_VERTEX_PROXY_TIMEOUT", PROXY_TIMEOUT));
    }

    /** A comma list (keys, names) as Docker .env files write it: each item trimmed and unquoted, blanks dropped. */
    static List<String> commaList(String raw) {
        List<String> keys = new ArrayList<>();
        for (String item : raw.split(",")) {
            String key = unquote(item.trim());
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return List.copyOf(keys);
    }

    /**
     * A Go duration ({@code 90s}, {@code 5m}, {@code 1m30s}, {@code 1.5h}, {@code 500ms}) or a plain number of seconds,
     * as the Go original's timeouts were written. Unlike the original, a value that is neither stops start-up.
     */
    private Duration goDuration(String name, Duration fallback) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Optional<Duration> parsed = parseGoDuration(raw.get());
        if (parsed.isPresent() && parsed.get().isPositive()) {
            return parsed.get();
        }
        throw invalid(name, raw.get(), "use a positive duration such as 90s, 5m or 1m30s (or a number of seconds), e.g. "
                + name + "=5m");
    }

    static Optional<Duration> parseGoDuration(String text) {
        String value = text.trim();
        if (value.matches("\\d+")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        if (!GO_DURATION.matcher(value).matches()) {
            return Optional.empty();
        }
        Matcher part = GO_DURATION_PART.matcher(value);
        BigDecimal nanos = BigDecimal.ZERO;
        while (part.find()) {
            long unit = switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        try {
            return Optional.of(Duration.ofNanos(nanos.longValueExact()));
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
    }

    /** The user's home, for the catalog's search path: {@code HOME} when set, else the JVM's idea of it. */
    private Path home() {
        return text("HOME").map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    private Settings.Mode mode() {
        Optional<String> raw = text("NEXUS_MODE");
        if (raw.isEmpty() || raw.get().equalsIgnoreCase("debug") || raw.get().equalsIgnoreCase("dev")) {
            return Settings.Mode.DEBUG;
        }
        if (raw.get().equalsIgnoreCase("release")) {
            return Settings.Mode.RELEASE;
        }
        throw invalid("NEXUS_MODE", raw.get(), "use 'release' or leave it unset");
    }

    private int port(Settings.Mode mode) {
        return port("PORT", mode == Settings.Mode.RELEASE ? 8086 : 8080);
    }

    private int port(String name, int fallback) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(raw.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(name, raw.get(), "use a number from 1 to 65535 (0 picks a free port), e.g. " + name + "=" + fallback);
    }

    private Settings.Pool pool() {
        String strategy = text("NEXUS_POOL_STRATEGY").orElse("primary").toLowerCase(Locale.ROOT);
        if (!Settings.Pool.STRATEGIES.contains(strategy)) {
            throw invalid("NEXUS_POOL_STRATEGY", strategy, "use one of " + String.join(", ", Settings.Pool.STRATEGIES));
        }
        long attempts = positiveLong("NEXUS_MAX_ATTEMPTS", 4);
        if (attempts > 50) {
            throw invalid("NEXUS_MAX_ATTEMPTS", String.valueOf(attempts), "use a number from 1 to 50");
        }
        return new Settings.Pool(strategy, (int) attempts, Duration.ofSeconds(positiveLong("NEXUS_RETRY_DEADLINE_SECONDS", 90)));
    }

    /** A duration as a number with an optional unit: {@code 90} (seconds), {@code 30m}, {@code 12h}, {@code 7d}. */
    private Duration duration(String name, Duration fallback) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Matcher m = Pattern.compile("(\\d+)\\s*([smhd]?)").matcher(raw.get().toLowerCase(Locale.ROOT));
        if (m.matches() && Long.parseLong(m.group(1)) > 0) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        throw invalid(name, raw.get(), "use a positive number with an optional unit s, m, h or d, e.g. " + name + "=7d");
    }

    private Settings.Database database() {
        String raw = text("NEXUS_DB").orElse("nexus.db");
        if (raw.startsWith("jdbc:postgresql:")) {
            return new Settings.Database(raw, Optional.empty(), text("NEXUS_DB_USER"), text("NEXUS_DB_PASSWORD"));
        }
        if (raw.startsWith("jdbc:") || raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
            throw invalid("NEXUS_DB", raw,
                    "use a SQLite file path (e.g. NEXUS_DB=/var/lib/nexus/nexus.db) or a PostgreSQL JDBC URL "
                            + "(e.g. NEXUS_DB=jdbc:postgresql://127.0.0.1:5432/nexus?user=nexus)");
        }
        Path file = workingDirectory.resolve(raw).toAbsolutePath().normalize();
        return new Settings.Database("jdbc:sqlite:" + file, Optional.of(file), Optional.empty(), Optional.empty());
    }

    private Settings.Upstreams upstreams() {
        return new Settings.Upstreams(
                urlList("NEXUS_CLOUDCODE_BASE_URLS", DEFAULT_CLOUDCODE),
                url("NEXUS_GOOGLE_AUTH_URL", "https://accounts.google.com/o/oauth2/v2/auth"),
                url("NEXUS_GOOGLE_TOKEN_URL", "https://oauth2.googleapis.com/token"),
                url("NEXUS_GOOGLE_USERINFO_URL", "https://www.googleapis.com/oauth2/v2/userinfo"),
                text("GOOGLE_CLIENT_ID"),
                text("GOOGLE_CLIENT_SECRET"),
                url("NEXUS_GEMINI_BASE_URL", "https://generativelanguage.googleapis.com"),
                url("NEXUS_VERTEX_BASE_URL", "https://aiplatform.googleapis.com"),
                url("NEXUS_CODEX_BASE_URL", "https://chatgpt.com/backend-api/codex"),
                url("NEXUS_OPENAI_AUTH_URL", "https://auth.openai.com/oauth/authorize"),
                url("NEXUS_OPENAI_TOKEN_URL", "https://auth.openai.com/oauth/token"),
                text("NEXUS_ANTIGRAVITY_USER_AGENT").orElse("antigravity/1.15.8 windows/amd64"));
    }

    private List<URI> urlList(String name, String fallback) {
        String raw = text(name).orElse(fallback);
        List<URI> urls = new ArrayList<>();
        for (String part : raw.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                urls.add(parseUrl(name, trimmed));
            }
        }
        if (urls.isEmpty()) {
            throw invalid(name, raw, "give at least one http(s) URL");
        }
        return List.copyOf(urls);
    }

    private URI url(String name, String fallback) {
        return parseUrl(name, text(name).orElse(fallback));
    }

    private static URI parseUrl(String name, String raw) {
        try {
            URI uri = new URI(raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw invalid(name, raw, "use an absolute http(s) URL, e.g. " + name + "=https://example.com/path");
    }

    private long positiveLong(String name, long fallback) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(name, raw.get(), "use a positive number of bytes, e.g. " + name + "=" + fallback);
    }

    private boolean flag(String name) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return false;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw invalid(name, raw.get(), "use 1 or 0");
        };
    }

    /** A variable's value with surrounding blanks and Docker .env quotes removed; empty counts as unset. */
    private Optional<String> text(String name) {
        String raw = env.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        String value = unquote(raw.trim());
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1).trim();
        }
        return value;
    }

    private static ConfigException invalid(String name, String value, String fix) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return new ConfigException("invalid " + name + "='" + shown + "': " + fix);
    }
}
