package dev.nexus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsLoaderTest {
    private static final Path CWD = Path.of("/srv/nexus");

    private static Settings load(Map<String, String> env) {
        return new SettingsLoader(env, CWD).load();
    }

    @Test
    void defaultsMatchTheGoOriginal() {
        Settings s = load(Map.of());
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.mode()).isEqualTo(Settings.Mode.DEBUG);
        assertThat(s.database().sqliteFile()).contains(Path.of("/srv/nexus/nexus.db"));
        assertThat(s.maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(s.upstreams().cloudCodeBaseUrls()).extracting(URI::getHost).containsExactly(
                "daily-cloudcode-pa.sandbox.googleapis.com", "daily-cloudcode-pa.googleapis.com", "cloudcode-pa.googleapis.com");
        assertThat(s.upstreams().googleTokenUrl()).hasToString("https://oauth2.googleapis.com/token");
    }

    @Test
    void releaseModeMovesTheDefaultPortTo8086ButAnExplicitPortWins() {
        assertThat(load(Map.of("NEXUS_MODE", "release")).port()).isEqualTo(8086);
        assertThat(load(Map.of("NEXUS_MODE", "release", "PORT", "9000")).port()).isEqualTo(9000);
    }

    @Test
    void aBadPortStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> load(Map.of("PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("invalid PORT='eighty'").hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> load(Map.of("PORT", "70000"))).hasMessageContaining("PORT");
    }

    @Test
    void theOAuthCallbackPortDefaultsTo51121AndIsValidatedLikePort() {
        assertThat(load(Map.of()).oauthCallbackPort()).isEqualTo(51121);
        assertThat(load(Map.of("NEXUS_OAUTH_CALLBACK_PORT", "0")).oauthCallbackPort()).isZero();
        assertThat(load(Map.of("NEXUS_OAUTH_CALLBACK_PORT", " '52000' ")).oauthCallbackPort()).isEqualTo(52000);
        assertThat(load(Map.of()).codexCallbackPort()).as("the Codex CLI's own login port").isEqualTo(1455);
        assertThat(load(Map.of("NEXUS_CODEX_CALLBACK_PORT", "0")).codexCallbackPort()).isZero();
        assertThatThrownBy(() -> load(Map.of("NEXUS_OAUTH_CALLBACK_PORT", "65536")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("invalid NEXUS_OAUTH_CALLBACK_PORT='65536'")
                .hasMessageContaining("1 to 65535").hasMessageContaining("NEXUS_OAUTH_CALLBACK_PORT=51121");
    }

    @Test
    void anUnparsableUrlStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> load(Map.of("NEXUS_GOOGLE_TOKEN_URL", "not a url")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("invalid NEXUS_GOOGLE_TOKEN_URL=");
        assertThatThrownBy(() -> load(Map.of("NEXUS_CLOUDCODE_BASE_URLS", "http://ok.example/v1internal, ftp://x")))
                .hasMessageContaining("NEXUS_CLOUDCODE_BASE_URLS");
    }

    @Test
    void cloudCodeUrlsAreAnOrderedCommaList() {
        Settings s = load(Map.of("NEXUS_CLOUDCODE_BASE_URLS", " http://127.0.0.1:1/v1internal ,http://127.0.0.1:2/v1internal,"));
        assertThat(s.upstreams().cloudCodeBaseUrls()).extracting(URI::getPort).containsExactly(1, 2);
    }

    @Test
    void dockerEnvQuotesAreStrippedAndBlankMeansUnset() {
        Settings s = load(Map.of("NEXUS_ADMIN_PASSWORD", "\"s3cret\"", "NEXUS_API_KEY", "  "));
        assertThat(s.adminPassword()).contains("s3cret");
        assertThat(s.apiKey()).isEmpty();
    }

    @Test
    void aPostgresUrlSelectsPostgres() {
        Settings s = load(Map.of("NEXUS_DB", "jdbc:postgresql://db:5432/nexus?user=n&password=hunter2"));
        assertThat(s.database().isSqlite()).isFalse();
        assertThat(s.database().describe()).doesNotContain("hunter2");
        assertThatThrownBy(() -> load(Map.of("NEXUS_DB", "jdbc:mysql://db/x"))).hasMessageContaining("NEXUS_DB");
    }

    @Test
    void flagsAcceptTheUsualSpellingsAndRejectOthers() {
        assertThat(load(Map.of("NEXUS_VERBOSE", "yes")).verbose()).isTrue();
        assertThat(load(Map.of("NEXUS_VERBOSE", "0")).verbose()).isFalse();
        assertThatThrownBy(() -> load(Map.of("NEXUS_ALLOW_OPEN_ADMIN", "maybe"))).hasMessageContaining("NEXUS_ALLOW_OPEN_ADMIN");
    }

    @Test
    void settingsNeverPrintTheirSecrets() {
        Settings s = load(Map.of("NEXUS_ADMIN_PASSWORD", "pw-123456", "NEXUS_API_KEY", "sk-abcdef", "NEXUS_SECRET_KEY", "k-987"));
        assertThat(s.toString()).doesNotContain("pw-123456", "sk-abcdef", "k-987");
    }

    @Test
    void bodyLimitMustBePositive() {
        assertThat(load(Map.of("NEXUS_MAX_BODY_BYTES", "1024")).maxBodyBytes()).isEqualTo(1024);
        assertThatThrownBy(() -> load(Map.of("NEXUS_MAX_BODY_BYTES", "-1"))).hasMessageContaining("NEXUS_MAX_BODY_BYTES");
    }

    @Test
    void geminiKeysComeFromTheListThenTheSingleKeyThenGeminiApiKey() {
        assertThat(load(Map.of()).keyProxies().geminiKeys()).isEmpty();
        assertThat(load(Map.of("GEMINI_API_KEY", "g-fallback")).keyProxies().geminiKeys()).containsExactly("g-fallback");
        assertThat(load(Map.of("GEMINI_API_KEY", "g-fallback", "NEXUS_GEMINI_API_KEY", "g-single")).keyProxies().geminiKeys())
                .containsExactly("g-single");
        assertThat(load(Map.of("GEMINI_API_KEY", "g-fallback", "NEXUS_GEMINI_API_KEY", "g-single",
                "NEXUS_GEMINI_API_KEYS", "k1,k2")).keyProxies().geminiKeys()).containsExactly("k1", "k2");
    }

    @Test
    void theKeyListIsTrimmedUnquotedAndBlanksAreDropped() {
        assertThat(load(Map.of("NEXUS_GEMINI_API_KEYS", "\" k1 , ,'k2',\"k3\", \"")).keyProxies().geminiKeys())
                .containsExactly("k1", "k2", "k3");
        assertThat(load(Map.of("NEXUS_GEMINI_API_KEYS", " , ", "GEMINI_API_KEY", "g")).keyProxies().geminiKeys())
                .as("a list of nothing falls through to the next variable").containsExactly("g");
    }

    @Test
    void proxyTimeoutsAreGoDurationsOrSecondsAndDefaultToFiveMinutes() {
        Settings.KeyProxies defaults = load(Map.of()).keyProxies();
        assertThat(defaults.geminiTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.vertexTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.vertexKey()).isEmpty();
        assertThat(load(Map.of("NEXUS_GEMINI_PROXY_TIMEOUT", "90s")).keyProxies().geminiTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(load(Map.of("NEXUS_VERTEX_PROXY_TIMEOUT", "1m30s")).keyProxies().vertexTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(load(Map.of("NEXUS_VERTEX_PROXY_TIMEOUT", "120")).keyProxies().vertexTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SettingsLoader.parseGoDuration("1.5h")).contains(Duration.ofMinutes(90));
        assertThat(SettingsLoader.parseGoDuration("2h45m500ms")).contains(Duration.ofHours(2).plusMinutes(45).plusMillis(500));
        for (String bad : List.of("5 minutes", "m5", "-5s", "0s", "1d", "5m3")) {
            assertThatThrownBy(() -> load(Map.of("NEXUS_GEMINI_PROXY_TIMEOUT", bad)))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("invalid NEXUS_GEMINI_PROXY_TIMEOUT=").hasMessageContaining("1m30s");
        }
    }

    @Test
    void connectionTimeoutsDefaultToTwoMinutesIdleThirtySecondsForAHeadAndAMinuteForABodyRead() {
        assertThat(load(Map.of()).connectionTimeouts()).isEqualTo(new Settings.ConnectionTimeouts(Duration.ofMinutes(2),
                Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(load(Map.of("NEXUS_IDLE_TIMEOUT", "5m", "NEXUS_HEADER_TIMEOUT", "500ms", "NEXUS_BODY_TIMEOUT", "90"))
                .connectionTimeouts()).isEqualTo(new Settings.ConnectionTimeouts(Duration.ofMinutes(5), Duration.ofMillis(500),
                        Duration.ofSeconds(90)));
        assertThatThrownBy(() -> load(Map.of("NEXUS_HEADER_TIMEOUT", "0s"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid NEXUS_HEADER_TIMEOUT=");
    }

    @Test
    void upstreamKeysAreNeverPrinted() {
        Settings s = load(Map.of("NEXUS_GEMINI_API_KEYS", "AIza-gemini-one,AIza-gemini-two", "NEXUS_VERTEX_API_KEY", "AQ.vertex-key"));
        assertThat(s.keyProxies().vertexKey()).contains("AQ.vertex-key");
        assertThat(s.toString()).doesNotContain("AIza-gemini-one", "AIza-gemini-two", "AQ.vertex-key").contains("geminiKeys=(2 set)");
    }

    @Test
    void theRequestLogKeepsNoBodiesForAWeekAndAHundredThousandRowsByDefault() {
        Settings.RequestLog log = load(Map.of()).requestLog();
        assertThat(log.logBodies()).isFalse();
        assertThat(log.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(log.maxRows()).isEqualTo(100_000);
        Settings.RequestLog set = load(Map.of("NEXUS_LOG_BODIES", "1", "NEXUS_LOG_RETENTION_DAYS", "30",
                "NEXUS_LOG_MAX_ROWS", "5000")).requestLog();
        assertThat(set).isEqualTo(new Settings.RequestLog(true, Duration.ofDays(30), 5000));
    }

    @Test
    void badRequestLogSettingsStopStartUpWithOneLineNamingTheFix() {
        assertThatThrownBy(() -> load(Map.of("NEXUS_LOG_BODIES", "maybe"))).isInstanceOf(ConfigException.class)
                .hasMessage("invalid NEXUS_LOG_BODIES='maybe': use 1 or 0");
        for (String bad : List.of("0", "-1", "7d", "3651")) {
            assertThatThrownBy(() -> load(Map.of("NEXUS_LOG_RETENTION_DAYS", bad))).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessage("invalid NEXUS_LOG_RETENTION_DAYS='" + bad + "': use a whole number of days from 1 to 3650,"
                            + " e.g. NEXUS_LOG_RETENTION_DAYS=7");
        }
        assertThatThrownBy(() -> load(Map.of("NEXUS_LOG_MAX_ROWS", "lots"))).isInstanceOf(ConfigException.class)
                .hasMessage("invalid NEXUS_LOG_MAX_ROWS='lots': use a number of rows from 1 to 100000000, e.g. NEXUS_LOG_MAX_ROWS=100000");
    }

    @Test
    void requestLimitsDefaultToTwentyThousandMessagesAHundredThousandPartsAndAThousandTools() {
        assertThat(load(Map.of()).limits()).isEqualTo(new Settings.Limits(20_000, 100_000, 1_000));
        assertThat(load(Map.of("NEXUS_MAX_MESSAGES", "50000", "NEXUS_MAX_PARTS", " ", "NEXUS_MAX_TOOLS", "\"64\"")).limits())
                .isEqualTo(new Settings.Limits(50_000, 100_000, 64));
    }

    @Test
    void aBadRequestLimitStopsStartUpNamingTheVariable() {
        for (String bad : List.of("0", "-5", "many", "2147483648")) {
            assertThatThrownBy(() -> load(Map.of("NEXUS_MAX_MESSAGES", bad))).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessage("invalid NEXUS_MAX_MESSAGES='" + bad + "': use a number of messages from 1 to 2147483647,"
                            + " e.g. NEXUS_MAX_MESSAGES=20000");
        }
        assertThatThrownBy(() -> load(Map.of("NEXUS_MAX_PARTS", "1e5"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid NEXUS_MAX_PARTS='1e5': ");
        assertThatThrownBy(() -> load(Map.of("NEXUS_MAX_TOOLS", "0"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid NEXUS_MAX_TOOLS='0': ");
    }

    @Test
    void theMetricsTokenAndAlertWebhookAreReadAndNeverPrinted() {
        assertThat(load(Map.of()).observability().metricsToken()).isEmpty();
        assertThat(load(Map.of()).observability().alertWebhook()).isEmpty();
        Settings s = load(Map.of("NEXUS_METRICS_TOKEN", "scrape-me-secret", "NEXUS_ALERT_WEBHOOK_URL",
                "https://hooks.example.com/T0/secret-path"));
        assertThat(s.observability().metricsToken()).contains("scrape-me-secret");
        assertThat(s.observability().alertWebhook()).contains(java.net.URI.create("https://hooks.example.com/T0/secret-path"));
        assertThat(s.toString()).doesNotContain("scrape-me-secret").doesNotContain("secret-path");
        assertThatThrownBy(() -> load(Map.of("NEXUS_ALERT_WEBHOOK_URL", "hooks.example.com/x")))
                .hasMessageContaining("NEXUS_ALERT_WEBHOOK_URL");
    }
}
